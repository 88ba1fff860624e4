package io.positrack.signal.intake;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Pattern;

import io.positrack.contracts.position.PositionCommand;
import io.positrack.contracts.position.Side;
import io.positrack.runtime.rules.OutsideClock;
import io.positrack.runtime.rules.StopSides;

/**
 * The position command an authenticated alert becomes, or why it becomes none. Pure. The command id and the
 * signal id are derived from the source and the alert id only, so the same alert posted again (TradingView
 * retries nothing, but a trader's bot may) is the same command: position-service's inbox applies it once, and
 * its one-position-per-signal index opens nothing twice even under a new command id.
 */
public final class AlertTranslator {

    /** What a sender's alert id may look like: it is embedded in our ids. */
    static final Pattern ALERT_ID = Pattern.compile("^[A-Za-z0-9._:@-]{1,80}$");

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /** The command, or the problem the sender is told (400). */
    public record Translation(PositionCommand command, String problem) {
        static Translation refused(String problem) {
            return new Translation(null, problem);
        }

        public boolean accepted() {
            return command != null;
        }
    }

    private AlertTranslator() {
    }

    public static Translation translate(String sourceName, IntakeSource source, Alert alert, String defaultVenue,
            Instant now, Duration maxAhead) {
        if (alert.id() == null || !ALERT_ID.matcher(alert.id()).matches()) {
            return Translation.refused("id is required: 1-80 of A-Z a-z 0-9 . _ : @ -");
        }
        if (alert.time() == null) {
            return Translation.refused("time is required (ISO-8601, e.g. TradingView's {{timenow}})");
        }
        String late = OutsideClock.problem("time", alert.time(), now, maxAhead, source.maxAge());
        if (late != null) {
            return Translation.refused(late + "; not executed");
        }
        if (alert.ticker() == null || alert.ticker().isBlank()) {
            return Translation.refused("ticker is required");
        }
        String symbol = source.symbols().get(alert.ticker());
        if (symbol == null) {
            return Translation.refused("ticker '" + bounded(alert.ticker()) + "' is not mapped to a symbol for source '" + sourceName + "'");
        }
        String action = alert.action() == null ? "" : alert.action().trim().toLowerCase(Locale.ROOT);
        String venue = source.venue().orElse(defaultVenue);
        String commandId = "alert-" + sourceName + "-" + alert.id();
        String signalId = sourceName + ":" + alert.id();
        return switch (action) {
            case "buy", "long" -> open(source, alert, Side.BUY, venue, symbol, commandId, signalId);
            case "sell", "short" -> open(source, alert, Side.SELL, venue, symbol, commandId, signalId);
            case "close", "flat", "exit" -> new Translation(new PositionCommand.ClosePosition(commandId, source.account(), venue,
                    symbol, null, "alert " + signalId, null, alert.time()), null);
            default -> Translation.refused("action must be buy, sell, long, short, close or flat");
        };
    }

    private static Translation open(IntakeSource source, Alert alert, Side side, String venue, String symbol,
            String commandId, String signalId) {
        BigDecimal price = alert.price();
        if (price == null || price.signum() <= 0) {
            return Translation.refused("price is required for an entry and must be positive");
        }
        BigDecimal quantity = source.quantity();
        if (alert.quantity() != null) {
            if (source.maxQuantity().isEmpty()) {
                return Translation.refused("this source may not choose its quantity (it opens " + source.quantity().toPlainString() + ")");
            }
            if (alert.quantity().signum() <= 0 || alert.quantity().compareTo(source.maxQuantity().get()) > 0) {
                return Translation.refused("quantity must be positive and at most " + source.maxQuantity().get().toPlainString());
            }
            quantity = alert.quantity();
        }
        BigDecimal stopLoss = alert.stopLoss() != null ? alert.stopLoss()
                : source.stopLossPercent().map(p -> away(price, p, side == Side.BUY ? -1 : 1, side == Side.BUY ? RoundingMode.CEILING : RoundingMode.FLOOR)).orElse(null);
        BigDecimal takeProfit = alert.takeProfit() != null ? alert.takeProfit()
                : source.takeProfitPercent().map(p -> away(price, p, side == Side.BUY ? 1 : -1, side == Side.BUY ? RoundingMode.FLOOR : RoundingMode.CEILING)).orElse(null);
        var wrongSides = StopSides.problemAgainst(side, price, stopLoss, takeProfit);
        if (wrongSides.isPresent()) {
            return Translation.refused(wrongSides.get());
        }
        return new Translation(new PositionCommand.OpenPosition(commandId, source.account(), venue, symbol, side, quantity, price,
                stopLoss, takeProfit, signalId, null, alert.time()), null);
    }

    /**
     * {@code price} moved {@code percent} up (direction 1) or down (-1), rounded towards the entry so that a
     * computed stop never risks more than asked and a computed target never asks for more.
     */
    static BigDecimal away(BigDecimal price, BigDecimal percent, int direction, RoundingMode towardsEntry) {
        BigDecimal factor = BigDecimal.ONE.add(percent.multiply(BigDecimal.valueOf(direction)).divide(HUNDRED));
        return price.multiply(factor).setScale(Math.max(price.scale(), 2), towardsEntry);
    }

    private static String bounded(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
