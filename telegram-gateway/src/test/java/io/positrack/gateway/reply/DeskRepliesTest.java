package io.positrack.gateway.reply;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.positrack.contracts.position.CommandResult;
import io.positrack.contracts.position.Origin;
import io.positrack.contracts.position.Outcome;
import io.positrack.contracts.position.PnlSummary;
import io.positrack.contracts.position.PnlSummary.Line;
import io.positrack.contracts.position.PositionSnapshot;
import io.positrack.contracts.position.Side;
import io.positrack.gateway.support.Snapshots;

/** The replies of the trading desk's commands: manual entries, the kill switch, PnL reports. */
class DeskRepliesTest {

    private static final Instant DAY = Instant.parse("2026-11-30T00:00:00Z");
    private final ReplyRenderer renderer = new ReplyRenderer(symbol -> Optional.empty());

    @Test
    void aManualEntryIsAnnouncedAsOpenedNotAsASignal() {
        PositionSnapshot signal = Snapshots.active(42, "acc", "XAUUSD", Side.BUY);
        PositionSnapshot manual = new PositionSnapshot(43, "acc", "paper", "XAUUSD", Side.SELL, signal.status(), signal.quantity(),
                signal.filledQuantity(), signal.remainingQuantity(), signal.entryPrice(), null, null, null, null, null,
                Origin.COMMAND, null, "pt-43-e-1", null, 0, 1, Instant.now(), Instant.now(), null);

        assertThat(renderer.render(result(Outcome.OPENED, null, manual, null))).startsWith("🟢 <b>Opened: SELL XAUUSD</b>");
        assertThat(renderer.render(result(Outcome.OPENED, null, signal, null))).startsWith("🟢 <b>New signal: BUY XAUUSD</b>");
    }

    @Test
    void pauseResumeAndAPausedEntryShowPositionServicesWordsEscaped() {
        assertThat(renderer.render(result(Outcome.ENTRIES_PAUSED, "New entries on every symbol are paused since t (<news>)", null, null)))
                .isEqualTo("⏸ New entries on every symbol are paused since t (&lt;news&gt;)");
        assertThat(renderer.render(result(Outcome.REJECTED_PAUSED, "New entries on XAUUSD are paused", null, null))).startsWith("⏸ ");
        assertThat(renderer.render(result(Outcome.ENTRIES_RESUMED, null, null, null))).isEqualTo("▶️ New entries are allowed again.");
    }

    @Test
    void theDailyReportListsEveryDayAndTheNetTotalWithWinsAndLosses() {
        PnlSummary summary = new PnlSummary(List.of(line(DAY, 2, 1, 1, "5", "0", "0", "5"), line(DAY.plusSeconds(86_400), 0, 0, 0, "0",
                "0", "0", "0"), line(DAY.plusSeconds(172_800), 1, 1, 0, "2.5", "0", "0", "2.5")), line(DAY, 3, 2, 1, "7.5", "0", "0", "7.5"));

        String html = renderer.render(result(Outcome.PNL_REPORT, "3 finished", null, summary));

        assertThat(html).startsWith("<b>Realized PnL per day (UTC), last 3 days</b>\nMon 30 Nov: +5 (2 closed)\nTue 01 Dec: –\n"
                + "Wed 02 Dec: +2.5 (1 closed)\n\n<b>Net: +7.5</b> from 3 position(s), 2 won, 1 lost");
        assertThat(html).as("no fees or funding recorded: not shown").doesNotContain("fees");
    }

    @Test
    void theAllTimeReportShowsFeesAndFundingOnceThereAreAny() {
        String html = renderer.render(result(Outcome.PNL_REPORT, null, null,
                new PnlSummary(List.of(), line(null, 4, 3, 1, "10", "1.2", "-0.3", "8.5"))));

        assertThat(html).isEqualTo("<b>Realized PnL, all time</b>\n<b>Net: +8.5</b> from 4 position(s), 3 won, 1 lost\n"
                + "Gross +10 · fees 1.2 · funding -0.3");
        assertThat(renderer.render(result(Outcome.PNL_REPORT, null, null, new PnlSummary(List.of(), line(null, 0, 0, 0, "0", "0", "0",
                "0"))))).endsWith("No position has closed yet.");
        assertThat(renderer.render(result(Outcome.PNL_REPORT, null, null, null))).isEqualTo("No PnL report came back. Please try again.");
    }

    private static Line line(Instant from, int positions, int wins, int losses, String gross, String fees, String funding, String net) {
        return new Line(from, from == null ? null : from.plusSeconds(86_400), positions, wins, losses, new BigDecimal(gross),
                new BigDecimal(fees), new BigDecimal(funding), new BigDecimal(net));
    }

    private static CommandResult result(Outcome outcome, String message, PositionSnapshot position, PnlSummary pnl) {
        return new CommandResult("tg-1-2", "PnlReport", "acc", null, null, 1L, outcome, message, position, null, Instant.now(), null,
                null, pnl);
    }
}
