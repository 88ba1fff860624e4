package io.positrack.position.command;


import jakarta.enterprise.context.ApplicationScoped;

import io.positrack.contracts.position.Outcome;
import io.positrack.contracts.position.PositionCommand.ExpirePending;
import io.positrack.contracts.position.PositionSnapshot;
import io.positrack.contracts.position.PositionStatus;
import io.positrack.position.lifecycle.PositionRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

/** Ends a position whose entry has not filled (see {@link EntryCancellation}); a filled one is not expirable. */
@ApplicationScoped
public class ExpirePendingHandler {

    private final PositionRepository positions;
    private final EntryCancellation cancellation;
    private final Results results;

    public ExpirePendingHandler(PositionRepository positions, EntryCancellation cancellation, Results results) {
        this.positions = positions;
        this.cancellation = cancellation;
        this.results = results;
    }

    public Uni<Handled> handle(SqlClient client, ExpirePending command) {
        return positions.findOpenForUpdate(client, command.account(), command.venue(), command.symbol()).flatMap(found -> {
            if (found.isEmpty()) {
                return answer(command, Outcome.NOT_FOUND, "No open %s position".formatted(command.symbol()), null);
            }
            PositionSnapshot p = found.get();
            if (command.positionId() != null && command.positionId() != p.id()) {
                return answer(command, Outcome.NOT_EXPIRABLE, "Position #%d is no longer open; #%d is, and was not asked about"
                        .formatted(command.positionId(), p.id()), p);
            }
            if (p.status() != PositionStatus.PENDING_ENTRY && p.status() != PositionStatus.ENTRY_PLACED) {
                return answer(command, Outcome.NOT_EXPIRABLE, "Position #%d has filled; it does not expire".formatted(p.id()), p);
            }
            return cancellation.request(client, command, p, "EXPIRED", Outcome.EXPIRED,
                    "Position #%d expired before its entry filled: cancelling its entry order".formatted(p.id()));
        });
    }

    private Uni<Handled> answer(ExpirePending command, Outcome outcome, String message, PositionSnapshot p) {
        return Uni.createFrom().item(Handled.answer(results.of(command, outcome, message, p)));
    }
}
