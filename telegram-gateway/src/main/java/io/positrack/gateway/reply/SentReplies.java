package io.positrack.gateway.reply;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The record of replies: a key is claimed before the first {@code sendMessage} and finished after the last. The
 * primary key makes the claim atomic across replicas: of two instances handling the same redelivered result,
 * exactly one inserts the row and sends; the other finds it and sends nothing.
 */
@ApplicationScoped
public class SentReplies {

    private final Pool pool;

    public SentReplies(Pool pool) {
        this.pool = pool;
    }

    /** True when this caller is the first to claim {@code key}. */
    public Uni<Boolean> claim(String key, long chatId, ReplyKind kind, String instance) {
        return pool.preparedQuery("""
                INSERT INTO sent_replies (reply_key, chat_id, kind, status, claimed_by) VALUES ($1, $2, $3, 'CLAIMED', $4)
                ON CONFLICT (reply_key) DO NOTHING""")
                .execute(Tuple.of(key, chatId, kind.name(), instance))
                .map(rows -> rows.rowCount() == 1);
    }

    public Uni<Void> finish(String key, boolean sent, int attempts, String failure) {
        return pool.preparedQuery("UPDATE sent_replies SET status = $2, attempts = $3, failure = $4, finished_at = now() WHERE reply_key = $1")
                .execute(Tuple.of(key, sent ? "SENT" : "FAILED", attempts, failure))
                .replaceWithVoid();
    }
}
