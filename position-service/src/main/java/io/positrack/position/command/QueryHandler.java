package io.positrack.position.command;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.positrack.contracts.position.Outcome;
import io.positrack.contracts.position.PositionCommand;
import io.positrack.contracts.position.PositionSnapshot;
import io.positrack.position.config.PositionConfig;
import io.positrack.position.lifecycle.PositionRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * Read commands. They run in the same ordered stream as the writes of their symbol and read inside a
 * transaction, so the answer reflects every command of that symbol that came before it.
 */
@ApplicationScoped
public class QueryHandler {

    private final PositionRepository positions;
    private final Results results;
    private final PositionConfig config;

    public QueryHandler(PositionRepository positions, Results results, PositionConfig config) {
        this.positions = positions;
        this.results = results;
        this.config = config;
    }

    public Uni<Handled> status(SqlClient client, PositionCommand.QueryStatus q) {
        // FOR UPDATE waits for a venue event that is changing this position right now, then reads its result.
        return positions.findOpenForUpdate(client, q.account(), q.venue(), q.symbol())
                .flatMap(open -> open.isPresent() ? Uni.createFrom().item(open)
                        : positions.findLatest(client, q.account(), q.venue(), q.symbol()))
                .map(found -> Handled.answer(found
                        .map(p -> results.of(q, Outcome.STATUS, p.status().isOpen()
                                ? "Position #%d is %s".formatted(p.id(), p.status())
                                : "No open %s position; the last one (#%d) is %s".formatted(p.symbol(), p.id(), p.status()), p))
                        .orElseGet(() -> results.of(q, Outcome.NOT_FOUND, "No %s position".formatted(q.symbol()), null))));
    }

    /** At most {@link Results#MAX_LISTED} positions, by symbol; the message gives the full count when the list is cut. */
    public Uni<Handled> listOpen(SqlClient client, PositionCommand.ListOpen q) {
        return positions.listOpen(client, q.account()).map(list -> {
            List<PositionSnapshot> shown = Results.bounded(list);
            return Handled.answer(results.list(q, Outcome.POSITIONS,
                    list.size() + " open position(s)" + Results.cutNote("first (by symbol)", shown.size(), list.size()), shown));
        });
    }

    /**
     * The newest finished positions: as many as asked (10 by default), at most {@code max-history} and at most
     * {@link Results#MAX_LISTED}, so that raising {@code max-history} cannot make an answer too large to publish.
     */
    public Uni<Handled> history(SqlClient client, PositionCommand.History q) {
        int limit = Math.min(q.limit() == null ? 10 : Math.min(q.limit(), config.validation().maxHistory()), Results.MAX_LISTED);
        return positions.history(client, q.account(), q.symbol(), limit)
                .map(list -> Handled.answer(results.list(q, Outcome.HISTORY, list.size() + " finished position(s)"
                        + (list.size() == Results.MAX_LISTED ? "; showing the newest " + Results.MAX_LISTED + ", the most one answer lists"
                                : ""), list)));
    }
}
