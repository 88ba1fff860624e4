package io.positrack.gateway.command;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Telegram updates already handled. Checked before and written after handling: an update redelivered after a
 * crash, a leader change or a failed webhook call is recognised by its {@code update_id} and produces nothing.
 */
@ApplicationScoped
public class ProcessedUpdates {

    private final Pool pool;

    public ProcessedUpdates(Pool pool) {
        this.pool = pool;
    }

    public Uni<Boolean> contains(long botId, long updateId) {
        return pool.preparedQuery("SELECT 1 FROM processed_updates WHERE bot_id = $1 AND update_id = $2")
                .execute(Tuple.of(botId, updateId))
                .map(rows -> rows.size() > 0);
    }

    public Uni<Void> mark(long botId, long updateId, String outcome) {
        return pool.preparedQuery("INSERT INTO processed_updates (bot_id, update_id, outcome) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
                .execute(Tuple.of(botId, updateId, outcome))
                .replaceWithVoid();
    }
}
