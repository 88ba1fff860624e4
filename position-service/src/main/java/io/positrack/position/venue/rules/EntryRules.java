package io.positrack.position.venue.rules;

import java.math.BigDecimal;

import io.positrack.contracts.position.Side;
import io.positrack.position.venue.rules.EntryDecision.Refused;
import io.positrack.position.venue.rules.EntryDecision.Rounded;
import io.positrack.position.venue.rules.EntryDecision.Why;
import io.positrack.runtime.rules.StopSides;

/**
 * The one place a requested entry meets the venue's rules ({@link SymbolRules}): the quantity rounded down to the
 * step, the stops to the tick towards the market, or a refusal with its reason when the venue would refuse the order
 * (Binance answers -1111, -4003, -4005, -4164 for these). A quantity above the maximum is refused, not cut: a smaller
 * trade than asked for is the sender's decision, not ours.
 */
public final class EntryRules {

    private EntryRules() {
    }

    /**
     * @param price the price the notional is computed at (the command's reference price); {@code null} when not
     *     known, and then the minimum notional is left to the venue (a market entry has no price of its own)
     */
    public static EntryDecision decide(SymbolRules rules, Side side, BigDecimal quantity, BigDecimal price, BigDecimal stopLoss,
            BigDecimal takeProfit) {
        return decide(rules, side, quantity, price, stopLoss, takeProfit, null);
    }

    /**
     * @param mark the venue's mark price now, or {@code null} when not known: {@code PERCENT_PRICE} is then left to the
     *     venue. Binance applies the band to an order's price; Positrack's entries are market orders, so the price
     *     judged is the command's reference price, the price the entry is expected to fill at: a signal priced far off
     *     the market is refused before anything is sent. Stops are judged against {@code PRICE_FILTER}'s limits only.
     */
    public static EntryDecision decide(SymbolRules rules, Side side, BigDecimal quantity, BigDecimal price, BigDecimal stopLoss,
            BigDecimal takeProfit, BigDecimal mark) {
        BigDecimal max = rules.maxQty();
        if (max.signum() > 0 && quantity.compareTo(max) > 0) {
            return new Refused(Why.ABOVE_MAX_QUANTITY, "quantity %s is above the maximum %s of %s".formatted(
                    plain(quantity), plain(max), rules.symbol()));
        }
        BigDecimal rounded = rules.roundQuantity(quantity);
        BigDecimal min = rules.minQty();
        if (rounded.signum() == 0 || rounded.compareTo(min) < 0) {
            return new Refused(Why.BELOW_MIN_QUANTITY, "quantity %s (%s at step %s) is below the minimum %s of %s".formatted(
                    plain(quantity), plain(rounded), plain(rules.stepSize()), plain(min), rules.symbol()));
        }
        if (price != null && rules.minNotional().signum() > 0) {
            BigDecimal notional = rounded.multiply(price);
            if (notional.compareTo(rules.minNotional()) < 0) {
                return new Refused(Why.BELOW_MIN_NOTIONAL, "notional %s (%s at %s) is below the minimum %s of %s".formatted(
                        plain(notional), plain(rounded), plain(price), plain(rules.minNotional()), rules.symbol()));
            }
        }
        BigDecimal sl = rules.roundStopLoss(side, stopLoss);
        BigDecimal tp = rules.roundTakeProfit(side, takeProfit);
        SymbolRules.Prices prices = rules.prices();
        for (String outside : new String[] { prices.outsideLimits("the reference price", price), prices.outsideLimits("the stop loss", sl),
                prices.outsideLimits("the take profit", tp) }) {
            if (outside != null) {
                return new Refused(Why.PRICE_OUT_OF_LIMITS, outside + " of " + rules.symbol());
            }
        }
        String band = prices.outsideBand("the reference price", price, mark);
        if (band != null) {
            return new Refused(Why.PRICE_OUTSIDE_PERCENT_BAND, band + " of " + rules.symbol());
        }
        var crossed = StopSides.problem(side, sl, tp);
        if (crossed.isPresent()) {
            return new Refused(Why.STOPS_WITHIN_ONE_TICK, "rounded to the tick %s of %s, %s".formatted(
                    plain(rules.tickSize()), rules.symbol(), crossed.get()));
        }
        return new Rounded(rounded, sl, tp);
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
