package io.positrack.position.command;

import jakarta.enterprise.context.ApplicationScoped;

import io.positrack.contracts.position.PnlSummary;
import io.positrack.contracts.position.PositionCommand.PnlReport;
import io.positrack.position.report.PnlLines;
import io.positrack.position.report.PnlQueries;
import io.positrack.position.support.Clock;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

/** Answers {@link PnlReport}: the account's realized PnL in total or per UTC day. Reads only. */
@ApplicationScoped
public class PnlReportHandler {

    private final PnlQueries queries;
    private final Results results;
    private final Clock clock;

    public PnlReportHandler(PnlQueries queries, Results results, Clock clock) {
        this.queries = queries;
        this.results = results;
        this.clock = clock;
    }

    public Uni<Handled> report(SqlClient tx, PnlReport c) {
        var now = clock.now();
        Uni<PnlSummary> summary = c.days() == null
                ? queries.allTime(tx, c.account(), now).map(total -> PnlLines.allTime(now, total))
                : queries.perDay(tx, c.account(), PnlLines.periodStart(now, c.days())).map(days -> PnlLines.daily(now, c.days(), days));
        return summary.map(s -> Handled.answer(results.pnl(c, "%d finished position(s), net %s".formatted(s.total().positions(),
                s.total().net().toPlainString()), s)));
    }
}
