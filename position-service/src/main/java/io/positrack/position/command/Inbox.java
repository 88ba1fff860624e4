package io.positrack.position.command;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The ids of messages already applied. Claiming an id in the same transaction as the effect makes
 * redelivery harmless: a second claim of the same id waits for the first transaction and then finds
 * the row, so the message has one effect however often it arrives.
 */
@ApplicationScoped
public class Inbox {

    /** True when this transaction is the first to see {@code messageId} from {@code source}. */
    public Uni<Boolean> claim(SqlClient client, String source, String messageId) {
        return client.preparedQuery("INSERT INTO inbox (source, message_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                .execute(Tuple.of(source, messageId))
                .map(rows -> rows.rowCount() == 1);
    }
}
