package io.positrack.position.venue.rules;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

import io.positrack.contracts.position.Side;

/**
 * What a venue accepts for one symbol, as Binance's filters state it: {@code PRICE_FILTER} (tick size, min and max
 * price), {@code LOT_SIZE} and {@code MARKET_LOT_SIZE} (step size, min and max quantity), {@code MIN_NOTIONAL} and
 * {@code PERCENT_PRICE}. A zero size, limit or multiplier means the filter is off (Binance's own convention). Pure:
 * {@link EntryRules} decides with it.
 *
 * @param lot the quantity rules of limit orders ({@code LOT_SIZE})
 * @param marketLot the quantity rules of market orders ({@code MARKET_LOT_SIZE}); every order Positrack sends is one
 * @param prices the price limits ({@code PRICE_FILTER} min and max, {@code PERCENT_PRICE})
 */
public record SymbolRules(String symbol, BigDecimal tickSize, Lot lot, Lot marketLot, BigDecimal minNotional, Prices prices) {

    /**
     * Where a price may lie: within [{@code minPrice}, {@code maxPrice}] ({@code PRICE_FILTER}; a zero bound is off),
     * and within [mark × {@code multiplierDown}, mark × {@code multiplierUp}] ({@code PERCENT_PRICE}; zero is off).
     */
    public record Prices(BigDecimal minPrice, BigDecimal maxPrice, BigDecimal multiplierUp, BigDecimal multiplierDown) {

        public static final Prices NONE = new Prices(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);

        public Prices {
            requireNotNegative("minPrice", minPrice);
            requireNotNegative("maxPrice", maxPrice);
            requireNotNegative("multiplierUp", multiplierUp);
            requireNotNegative("multiplierDown", multiplierDown);
        }

        /** Why {@code price} is outside [minPrice, maxPrice], or null when it is inside. */
        String outsideLimits(String what, BigDecimal price) {
            if (price == null) {
                return null;
            }
            if (minPrice.signum() > 0 && price.compareTo(minPrice) < 0) {
                return "%s %s is below the minimum price %s".formatted(what, plain(price), plain(minPrice));
            }
            if (maxPrice.signum() > 0 && price.compareTo(maxPrice) > 0) {
                return "%s %s is above the maximum price %s".formatted(what, plain(price), plain(maxPrice));
            }
            return null;
        }

        /** Why {@code price} is outside the band around {@code mark}, or null when it is inside or nothing can be judged. */
        String outsideBand(String what, BigDecimal price, BigDecimal mark) {
            if (price == null || mark == null) {
                return null;
            }
            if (multiplierUp.signum() > 0 && price.compareTo(mark.multiply(multiplierUp)) > 0) {
                return "%s %s is more than %s × the mark price %s".formatted(what, plain(price), plain(multiplierUp), plain(mark));
            }
            if (multiplierDown.signum() > 0 && price.compareTo(mark.multiply(multiplierDown)) < 0) {
                return "%s %s is less than %s × the mark price %s".formatted(what, plain(price), plain(multiplierDown), plain(mark));
            }
            return null;
        }

        private static String plain(BigDecimal v) {
            return v.stripTrailingZeros().toPlainString();
        }
    }

    /** Rules without price limits. */
    public SymbolRules(String symbol, BigDecimal tickSize, Lot lot, Lot marketLot, BigDecimal minNotional) {
        this(symbol, tickSize, lot, marketLot, minNotional, Prices.NONE);
    }

    /** One quantity filter: a quantity is a multiple of {@code stepSize} within [{@code minQty}, {@code maxQty}]. */
    public record Lot(BigDecimal stepSize, BigDecimal minQty, BigDecimal maxQty) {

        public Lot {
            requireNotNegative("stepSize", stepSize);
            requireNotNegative("minQty", minQty);
            requireNotNegative("maxQty", maxQty);
        }
    }

    /** No filter at all: for a venue without rules of its own. */
    public static SymbolRules unrestricted(String symbol) {
        Lot any = new Lot(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);
        return new SymbolRules(symbol, BigDecimal.ZERO, any, any, BigDecimal.ZERO);
    }

    public SymbolRules {
        Objects.requireNonNull(symbol, "symbol");
        requireNotNegative("tickSize", tickSize);
        Objects.requireNonNull(lot, "lot");
        Objects.requireNonNull(marketLot, "marketLot");
        requireNotNegative("minNotional", minNotional);
        Objects.requireNonNull(prices, "prices");
    }

    /**
     * The step every quantity is rounded to: the coarser of the two lot filters, because a market order must meet
     * {@code MARKET_LOT_SIZE} and the same quantity then rests in the stop loss and take profit. Binance's steps are
     * powers of ten, so the coarser step is a multiple of the finer and the result meets both.
     */
    public BigDecimal stepSize() {
        return lot.stepSize().max(marketLot.stepSize());
    }

    /** The smallest quantity both lot filters accept. */
    public BigDecimal minQty() {
        return lot.minQty().max(marketLot.minQty());
    }

    /** The largest quantity both lot filters accept; zero when neither has a maximum. */
    public BigDecimal maxQty() {
        BigDecimal a = lot.maxQty();
        BigDecimal b = marketLot.maxQty();
        if (a.signum() == 0) {
            return b;
        }
        return b.signum() == 0 ? a : a.min(b);
    }

    /** {@code quantity} rounded down to the step: never more than was asked for. */
    public BigDecimal roundQuantity(BigDecimal quantity) {
        return floorTo(quantity, stepSize());
    }

    /**
     * A stop loss rounded to the tick towards the market (for a BUY position up, for a SELL down): the stop is
     * never further away than asked, so the position never risks more than it was sized for.
     */
    public BigDecimal roundStopLoss(Side positionSide, BigDecimal price) {
        return positionSide == Side.BUY ? ceilTo(price, tickSize) : floorTo(price, tickSize);
    }

    /**
     * A take profit rounded to the tick towards the market (for a BUY position down, for a SELL up): the target is
     * never further away than asked, so it is reached no later than the one asked for, and a take profit exactly at
     * the edge of a tick never becomes one that is never reached.
     */
    public BigDecimal roundTakeProfit(Side positionSide, BigDecimal price) {
        return positionSide == Side.BUY ? floorTo(price, tickSize) : ceilTo(price, tickSize);
    }

    private static BigDecimal floorTo(BigDecimal value, BigDecimal step) {
        if (value == null || step.signum() == 0) {
            return value;
        }
        return value.divide(step, 0, RoundingMode.FLOOR).multiply(step).stripTrailingZeros();
    }

    private static BigDecimal ceilTo(BigDecimal value, BigDecimal step) {
        if (value == null || step.signum() == 0) {
            return value;
        }
        return value.divide(step, 0, RoundingMode.CEILING).multiply(step).stripTrailingZeros();
    }

    private static void requireNotNegative(String name, BigDecimal value) {
        Objects.requireNonNull(value, name);
        if (value.signum() < 0) {
            throw new IllegalArgumentException(name + " must not be negative, was " + value.toPlainString());
        }
    }
}
