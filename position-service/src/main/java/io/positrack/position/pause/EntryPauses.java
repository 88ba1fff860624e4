package io.positrack.position.pause;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** The {@code entry_pauses} table: which accounts and symbols take no new entries. */
@ApplicationScoped
public class EntryPauses {

    /** {@code scope} of an account-wide pause; no symbol can be written this way. */
    static final String EVERY_SYMBOL = "*";

    private static final String COLUMNS = "account, scope, reason, command_id, paused_at";

    /**
     * The pause that refuses an entry of the account on the symbol, if any: the account-wide one first, since lifting
     * the symbol's own pause would not let the entry through.
     */
    public Uni<Optional<Pause>> holding(SqlClient client, String account, String symbol) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM entry_pauses WHERE account = $1 AND scope IN ($2, '*')"
                + " ORDER BY scope = '*' DESC LIMIT 1")
                .execute(Tuple.of(account, symbol))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(pause(rows.iterator().next())));
    }

    /** Pauses, keeping an existing pause of the same scope as it is (its time and reason); answers the pause in force. */
    public Uni<Pause> pause(SqlClient client, String account, String symbol, String reason, String commandId, Instant at) {
        return client.preparedQuery("INSERT INTO entry_pauses (" + COLUMNS + ") VALUES ($1, $2, $3, $4, $5)"
                + " ON CONFLICT (account, scope) DO NOTHING")
                .execute(Tuple.of(account, scope(symbol), reason, commandId, at.atOffset(ZoneOffset.UTC)))
                .flatMap(ignored -> client.preparedQuery("SELECT " + COLUMNS + " FROM entry_pauses WHERE account = $1 AND scope = $2")
                        .execute(Tuple.of(account, scope(symbol))))
                .map(rows -> pause(rows.iterator().next()));
    }

    /** Lifts the symbol's own pause, or with no symbol every pause of the account; answers the pauses lifted. */
    public Uni<List<Pause>> resume(SqlClient client, String account, String symbol) {
        Uni<RowSet<Row>> deleted = symbol == null
                ? client.preparedQuery("DELETE FROM entry_pauses WHERE account = $1 RETURNING " + COLUMNS).execute(Tuple.of(account))
                : client.preparedQuery("DELETE FROM entry_pauses WHERE account = $1 AND scope = $2 RETURNING " + COLUMNS)
                        .execute(Tuple.of(account, symbol));
        return deleted.map(EntryPauses::pauses);
    }

    /** The pauses in force, of the accounts in {@code scope} or (null) of every account, oldest first. */
    public Uni<List<Pause>> list(SqlClient client, String[] scope) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM entry_pauses WHERE ($1::text[] IS NULL OR account = ANY($1))"
                + " ORDER BY paused_at, account, scope")
                .execute(Tuple.tuple().addArrayOfString(scope))
                .map(EntryPauses::pauses);
    }

    private static String scope(String symbol) {
        return symbol == null ? EVERY_SYMBOL : symbol;
    }

    private static List<Pause> pauses(RowSet<Row> rows) {
        List<Pause> out = new ArrayList<>();
        rows.forEach(r -> out.add(pause(r)));
        return out;
    }

    private static Pause pause(Row r) {
        String scope = r.getString("scope");
        return new Pause(r.getString("account"), EVERY_SYMBOL.equals(scope) ? null : scope, r.getString("reason"),
                r.getString("command_id"), r.getOffsetDateTime("paused_at").toInstant());
    }
}
