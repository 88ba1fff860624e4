package io.positrack.gateway.support;

import java.math.BigDecimal;
import java.time.Instant;

import io.positrack.contracts.position.CommandResult;
import io.positrack.contracts.position.Origin;
import io.positrack.contracts.position.Outcome;
import io.positrack.contracts.position.PositionSnapshot;
import io.positrack.contracts.position.PositionStatus;
import io.positrack.contracts.position.Side;

/** Positions and results as position-service writes them, for tests. */
public final class Snapshots {

    private Snapshots() {
    }

    public static PositionSnapshot active(long id, String account, String symbol, Side side) {
        Instant now = Instant.parse("2026-11-21T05:01:02Z");
        return new PositionSnapshot(id, account, "paper", symbol, side, PositionStatus.ACTIVE, new BigDecimal("0.5"),
                new BigDecimal("0.5"), new BigDecimal("0.5"), new BigDecimal("2650.4"), null, new BigDecimal("2630.5"),
                new BigDecimal("2681.5"), null, null, Origin.SIGNAL, "sig-" + id, "pt-" + id + "-e-1", null, 0, 3, now, now, null);
    }

    public static PositionSnapshot closed(long id, String account, String symbol, String pnl, String reason) {
        Instant now = Instant.parse("2026-11-21T05:21:40Z");
        return new PositionSnapshot(id, account, "paper", symbol, Side.BUY, PositionStatus.CLOSED, new BigDecimal("0.5"),
                new BigDecimal("0.5"), BigDecimal.ZERO, new BigDecimal("2650.4"), new BigDecimal("2630.3"), new BigDecimal("2630.5"),
                new BigDecimal("2681.5"), new BigDecimal(pnl), reason, Origin.SIGNAL, "sig-" + id, "pt-" + id + "-e-1",
                "pt-" + id + "-x-1", 1, 5, now, now, now);
    }

    public static CommandResult result(String commandId, String commandType, String account, String symbol, long chatId,
            Outcome outcome, PositionSnapshot position) {
        return new CommandResult(commandId, commandType, account, "paper", symbol, chatId, outcome, null, position, null,
                Instant.now(), null, null);
    }
}
