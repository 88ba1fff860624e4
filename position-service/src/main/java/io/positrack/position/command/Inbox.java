package io.positrack.position.command;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The messages already applied, by (source, account, message id). Claiming in the same transaction as
 * the effect makes redelivery harmless: a second claim of the same key waits for the first transaction
 * and then finds the row, so the message has one effect however often it arrives. The stored content
 * hash tells a redelivery (same content) from a reused id (other content).
 */
@ApplicationScoped
public class Inbox {

    /**
     * The account of sources whose message ids are unique without one (venue order updates name their
     * order, reports carry their own id); also what rows claimed before accounts were recorded hold.
     */
    public static final String UNSCOPED = "";

    /** What claiming a message found. */
    public enum Claim {
        /** This transaction is the first to see the message: apply it. */
        FIRST,
        /** Seen before with the same content (or content not compared): a redelivery, no second effect. */
        REPEAT,
        /** Seen before with other content: the id was reused for a different message. */
        CONFLICT
    }

    /**
     * @param contentHash the message's canonical content hash, or {@code null} to not compare content
     */
    public Uni<Claim> claim(SqlClient client, String source, String account, String messageId, String contentHash) {
        return client.preparedQuery("""
                INSERT INTO inbox (source, account, message_id, content_hash) VALUES ($1, $2, $3, $4)
                ON CONFLICT (source, account, message_id) DO NOTHING""")
                .execute(Tuple.of(source, account, messageId, contentHash))
                .flatMap(inserted -> inserted.rowCount() == 1
                        ? Uni.createFrom().item(Claim.FIRST)
                        // A separate statement: its snapshot is taken after the insert waited for the first
                        // claim to commit, so it sees that row.
                        : client.preparedQuery("SELECT content_hash FROM inbox WHERE source = $1 AND account = $2 AND message_id = $3")
                                .execute(Tuple.of(source, account, messageId))
                                .map(found -> compare(found, contentHash)));
    }

    private static Claim compare(RowSet<Row> found, String contentHash) {
        if (!found.iterator().hasNext()) {
            // Removed since the insert found it (by a retention prune, once there is one): it was applied, so still no second effect.
            return Claim.REPEAT;
        }
        String stored = found.iterator().next().getString("content_hash");
        return stored == null || contentHash == null || stored.equals(contentHash) ? Claim.REPEAT : Claim.CONFLICT;
    }
}
