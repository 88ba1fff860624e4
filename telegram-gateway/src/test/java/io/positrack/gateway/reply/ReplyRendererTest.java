package io.positrack.gateway.reply;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.positrack.contracts.position.CommandResult;
import io.positrack.contracts.position.Outcome;
import io.positrack.contracts.position.PositionEvent;
import io.positrack.contracts.position.PositionEventType;
import io.positrack.contracts.position.PositionSnapshot;
import io.positrack.contracts.position.Side;
import io.positrack.contracts.signal.SignalSession;
import io.positrack.gateway.support.Snapshots;

class ReplyRendererTest {

    private final ReplyRenderer renderer = new ReplyRenderer(symbol -> Optional.empty());

    @Test
    void anOpenedPositionShowsSideEntryStopsAndVersion() {
        String html = renderer.render(result(Outcome.OPENED, Snapshots.active(42, "acc", "XAUUSD", Side.BUY), null));

        assertThat(html).startsWith("🟢 <b>New signal: BUY XAUUSD</b>")
                .contains("<b>BUY XAUUSD</b> #42 · ACTIVE · v3", "Entry: 2650.4 · Qty: 0.5", "SL: 2630.5 · TP: 2681.5");
    }

    @Test
    void getSignalAnsweredWithStatusSaysNoNewSignalAndShowsThePosition() {
        String html = renderer.render(result(Outcome.STATUS, Snapshots.active(42, "acc", "XAUUSD", Side.SELL), "getsignal"));

        assertThat(html).startsWith("No new signal for XAUUSD.\nOpen position:\n<b>SELL XAUUSD</b> #42");
    }

    @Test
    void getSignalAnsweredWithNotFoundSaysNoSignalAndNoPosition() {
        assertThat(renderer.render(result(Outcome.NOT_FOUND, null, "getsignal")))
                .isEqualTo("No new signal for XAUUSD, and no open position.");
        assertThat(renderer.render(result(Outcome.NOT_FOUND, null, null))).isEqualTo("No position found for XAUUSD.");
    }

    @Test
    void aDuplicateOpenSaysAPositionIsAlreadyOpen() {
        assertThat(renderer.render(result(Outcome.DUPLICATE_OPEN_EXISTS, Snapshots.active(42, "acc", "XAUUSD", Side.BUY), null)))
                .startsWith("ℹ️ A position is already open for XAUUSD; no new one was opened.")
                .endsWith("Close it first with /close XAUUSD.");
    }

    @Test
    void aClosedPositionShowsExitRealizedPnlAndReason() {
        String html = renderer.render(result(Outcome.STATUS, Snapshots.closed(7, "acc", "XAUUSD", "-10.050", "STOP_LOSS"), null));

        assertThat(html).startsWith("No open position for XAUUSD. The latest one:")
                .contains("CLOSED · v5", "Exit: 2630.3 · Realized PnL: <b>-10.05</b> · STOP_LOSS");
    }

    @Test
    void aPositionWithFeesAndFundingShowsNetAndItsParts() {
        PositionSnapshot p = charged(Snapshots.closed(11, "acc", "BTCUSDT", "5", "COMMAND"), "0.082", "-0.01");

        assertThat(renderer.render(result(Outcome.STATUS, p, null)))
                .contains("Exit: 2630.3 · Net PnL: <b>+4.908</b> · COMMAND", "Gross: +5 · Fees: 0.082 · Funding: -0.01")
                .doesNotContain("Realized PnL");
        assertThat(renderer.render(new PositionEvent("position-11-v6", PositionEventType.PositionClosed, 11, 6, "x", Instant.now(), p)))
                .startsWith("🏁 Position #11 closed: <b>BUY BTCUSDT</b>, COMMAND, net PnL <b>+4.908</b> (fees 0.082).");
        // An open position has paid its entry's fee already.
        assertThat(renderer.render(result(Outcome.STATUS, charged(Snapshots.active(12, "acc", "BTCUSDT", Side.BUY), "0.04", null), null)))
                .contains("Gross: – · Fees: 0.04 · Funding: –");
    }

    private static PositionSnapshot charged(PositionSnapshot p, String fees, String funding) {
        return new PositionSnapshot(p.id(), p.account(), p.venue(), p.symbol(), p.side(), p.status(), p.quantity(), p.filledQuantity(),
                p.remainingQuantity(), p.entryPrice(), p.exitPrice(), p.stopLoss(), p.takeProfit(), p.realizedPnl(), p.closeReason(),
                p.origin(), p.signalId(), p.entryOrderId(), p.exitOrderId(), p.exitAttempt(), p.version(), p.openedAt(), p.updatedAt(),
                p.closedAt(), fees == null ? null : new BigDecimal(fees), funding == null ? null : new BigDecimal(funding), null, null, null);
    }

    @Test
    void anOpenPositionShowsUnrealizedPnlAtTheLastPrice() {
        ReplyRenderer withPrice = new ReplyRenderer(symbol -> Optional.of(new BigDecimal("2660.4")));

        assertThat(withPrice.render(result(Outcome.STATUS, Snapshots.active(42, "acc", "XAUUSD", Side.BUY), null)))
                .contains("Unrealized PnL: <b>+5</b> (last 2660.4)");
        assertThat(withPrice.render(result(Outcome.STATUS, Snapshots.active(43, "acc", "XAUUSD", Side.SELL), null)))
                .contains("Unrealized PnL: <b>-5</b> (last 2660.4)");
    }

    @Test
    void aCloseThatFoundTheVenueFlatSaysNoExitOrderWasSent() {
        assertThat(renderer.render(result(Outcome.CLOSED_RECONCILED, Snapshots.closed(8, "acc", "XAUUSD", "0", "RECONCILED"), null)))
                .startsWith("Position #8 was already flat on the venue: it is closed as reconciled, no exit order was sent.");
    }

    @Test
    void everythingFromAMessageIsEscaped() {
        CommandResult rejected = new CommandResult("c", "OpenPosition", "acc", "paper", "X<b>", 1L, Outcome.REJECTED_INVALID,
                "symbol <script> & \"quotes\"", null, null, Instant.now(), null, null);

        assertThat(renderer.render(rejected))
                .isEqualTo("⚠️ The command was rejected: symbol &lt;script&gt; &amp; &quot;quotes&quot;");
    }

    @Test
    void aReusedCommandIdAsksToSendAgainWithoutShowingTheOtherCommand() {
        CommandResult conflict = new CommandResult("c", "ClosePosition", "acc", "paper", "XAUUSD", 1L, Outcome.REJECTED_CONFLICT,
                "command id c was already used for a different command", null, null, Instant.now(), null, null);

        assertThat(renderer.render(conflict))
                .isEqualTo("⚠️ This command was not applied: its id was already used for a different command. Please send it again.");
    }

    @Test
    void emptyListsSaySoAndSessionsAreListed() {
        assertThat(renderer.render(new CommandResult("c", "ListOpen", "acc", null, null, 1L, Outcome.POSITIONS, null, null, List.of(),
                Instant.now(), null, null))).isEqualTo("No open positions.");
        SignalSession session = new SignalSession("sig-1", "acc", "XAUUSD", Side.BUY, new BigDecimal("2650.4"), new BigDecimal("2630.5"),
                new BigDecimal("2681.5"), "breakout", 42L, "CLOSED", "TAKE_PROFIT", new BigDecimal("15.55"), Instant.now(), Instant.now());
        assertThat(renderer.render(new CommandResult("c", "Sessions", "acc", null, null, 1L, Outcome.SESSIONS, null, null, null,
                Instant.now(), null, List.of(session))))
                .contains("<b>Signal sessions (1)</b>", "<b>BUY XAUUSD</b> · CLOSED · #42", "Closed: TAKE_PROFIT · PnL +15.55");
    }

    @Test
    void notificationsNameTheEventAndAReconciledCloseIsExplained() {
        PositionSnapshot closed = Snapshots.closed(9, "acc", "XAUUSD", "12.5", "TAKE_PROFIT");
        assertThat(renderer.render(new PositionEvent("position-9-v5", PositionEventType.PositionClosed, 9, 5, "x", Instant.now(), closed)))
                .startsWith("🏁 Position #9 closed: <b>BUY XAUUSD</b>, TAKE_PROFIT, realized PnL <b>+12.5</b>.");
        PositionSnapshot reconciled = Snapshots.closed(10, "acc", "XAUUSD", "0", "RECONCILED");
        assertThat(renderer.render(new PositionEvent("position-10-v4", PositionEventType.PositionClosed, 10, 4, "x", Instant.now(), reconciled)))
                .contains("closed by reconciliation");
    }

    @Test
    void anAbsurdPriceIsShownAsOutOfRangeInsteadOfStoppingTheRenderer() {
        PositionSnapshot p = withDecimals(Snapshots.active(44, "acc", "XAUUSD", Side.BUY), ABSURD, null, null, null);
        ReplyRenderer absurdLast = new ReplyRenderer(symbol -> Optional.of(ABSURD));

        assertThat(absurdLast.render(result(Outcome.STATUS, p, null)))
                .contains("Entry: (out of range) · Qty: 0.5")
                .doesNotContain("Unrealized");
        // A sane entry with an absurd last price: no PnL is computed from it.
        assertThat(absurdLast.render(result(Outcome.STATUS, Snapshots.active(45, "acc", "XAUUSD", Side.BUY), null)))
                .contains("Entry: 2650.4").doesNotContain("Unrealized");
        assertThat(renderer.render(new PositionEvent("position-44-v3", PositionEventType.PositionActivated, 44, 3, "x", Instant.now(), p)))
                .contains("filled at (out of range).");
    }

    @Test
    void anAbsurdPnlIsShownAsOutOfRangeWithoutASign() {
        PositionSnapshot p = withDecimals(Snapshots.closed(46, "acc", "XAUUSD", "1", "STOP_LOSS"), null, ABSURD, null, null);

        assertThat(renderer.render(result(Outcome.STATUS, p, null))).contains("Realized PnL: <b>(out of range)</b>");
        assertThat(renderer.render(new PositionEvent("position-46-v5", PositionEventType.PositionClosed, 46, 5, "x", Instant.now(), p)))
                .contains("realized PnL <b>(out of range)</b>");
        SignalSession session = new SignalSession("sig-1", "acc", "XAUUSD", Side.BUY, ABSURD, ABSURD, ABSURD, null, 46L, "CLOSED",
                "STOP_LOSS", ABSURD, Instant.now(), Instant.now());
        assertThat(renderer.render(new CommandResult("c", "Sessions", "acc", null, null, 1L, Outcome.SESSIONS, null, null, null,
                Instant.now(), null, List.of(session))))
                .contains("Entry (out of range) · SL (out of range) · TP (out of range)", "PnL (out of range)");
    }

    @Test
    void anAbsurdQuantityIsShownAsOutOfRangeAndNoPnlIsComputedFromIt() {
        PositionSnapshot p = withDecimals(Snapshots.active(47, "acc", "XAUUSD", Side.SELL), null, null, ABSURD, ABSURD);
        ReplyRenderer withPrice = new ReplyRenderer(symbol -> Optional.of(new BigDecimal("2660.4")));

        assertThat(withPrice.render(result(Outcome.STATUS, p, null)))
                .contains("Entry: 2650.4 · Qty: (out of range)")
                .doesNotContain("Unrealized");
        assertThat(withPrice.render(new CommandResult("c", "ListOpen", "acc", null, null, 1L, Outcome.POSITIONS, null, null,
                java.util.Arrays.asList(p, null), Instant.now(), null, null)))
                .contains("Open positions (2)", "Qty: (out of range)");
    }

    @Test
    void theNumberHelperIsBoundedForEveryShapeOfDecimal() {
        assertThat(Html.number(ABSURD)).isEqualTo(Html.OUT_OF_RANGE);
        assertThat(Html.number(ABSURD.negate())).isEqualTo(Html.OUT_OF_RANGE);
        assertThat(Html.number(new BigDecimal("1e-2147483646"))).isEqualTo(Html.OUT_OF_RANGE);
        assertThat(Html.number(new BigDecimal("1".repeat(500)))).isEqualTo(Html.OUT_OF_RANGE);
        assertThat(Html.signed(ABSURD)).isEqualTo(Html.OUT_OF_RANGE);
        // Fits numeric(38,18): shown in full.
        assertThat(Html.number(new BigDecimal("99999999999999999999.000000000000000001"))).isEqualTo("99999999999999999999.000000000000000001");
        assertThat(Html.number(new BigDecimal("1E+2"))).isEqualTo("100");
        assertThat(Html.number(new BigDecimal("0.000"))).isEqualTo("0");
        assertThat(Html.signed(new BigDecimal("12.50"))).isEqualTo("+12.5");
    }

    @Test
    void anUnrealizedPnlWithMoreFractionDigitsThanTheColumnsIsRoundedNotRefused() {
        PositionSnapshot p = withDecimals(Snapshots.active(48, "acc", "XAUUSD", Side.BUY), new BigDecimal("2650.123456789012345678"),
                null, new BigDecimal("0.123456789012345678"), new BigDecimal("0.123456789012345678"));
        ReplyRenderer withPrice = new ReplyRenderer(symbol -> Optional.of(new BigDecimal("2660.987654321098765432")));

        assertThat(withPrice.render(result(Outcome.STATUS, p, null))).contains("Unrealized PnL: <b>+1.341258942507239738</b> (last 2660.987654321098765432)")
                .doesNotContain(Html.OUT_OF_RANGE);
    }

    private static final BigDecimal ABSURD = new BigDecimal("1e2147483646");

    /** The snapshot with some decimals replaced (null keeps the snapshot's own). */
    private static PositionSnapshot withDecimals(PositionSnapshot p, BigDecimal entry, BigDecimal pnl, BigDecimal filled,
            BigDecimal remaining) {
        return new PositionSnapshot(p.id(), p.account(), p.venue(), p.symbol(), p.side(), p.status(), p.quantity(),
                filled != null ? filled : p.filledQuantity(), remaining != null ? remaining : p.remainingQuantity(),
                entry != null ? entry : p.entryPrice(), p.exitPrice(), p.stopLoss(), p.takeProfit(),
                pnl != null ? pnl : p.realizedPnl(), p.closeReason(), p.origin(), p.signalId(), p.entryOrderId(), p.exitOrderId(),
                p.exitAttempt(), p.version(), p.openedAt(), p.updatedAt(), p.closedAt());
    }

    private static CommandResult result(Outcome outcome, PositionSnapshot position, String requestedAs) {
        return new CommandResult("tg-1-2", "QueryStatus", "acc", "paper", "XAUUSD", 1L, outcome, null, position, null, Instant.now(),
                requestedAs, null);
    }
}
