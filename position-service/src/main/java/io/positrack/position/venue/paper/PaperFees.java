package io.positrack.position.venue.paper;

import java.math.BigDecimal;
import java.math.RoundingMode;

import io.positrack.contracts.position.Side;
import io.positrack.position.config.PositionConfig;
import io.positrack.position.lifecycle.PositionRows;

/**
 * What a paper fill costs: the price moved against the trader by the slippage, and a commission of the notional at
 * the maker or taker rate ({@code positrack.position.paper.fees}). Pure. Every order the paper venue fills (market,
 * stop market, take profit market) takes liquidity, so it pays the taker rate, as on Binance.
 */
public record PaperFees(BigDecimal makerRate, BigDecimal takerRate, BigDecimal slippage) {

    /** Commissions are reported to 8 decimals, as Binance reports them. */
    static final int COMMISSION_SCALE = 8;
    /** Prices keep at most the columns' 18 fraction digits. */
    private static final int PRICE_SCALE = 18;

    public static final PaperFees NONE = new PaperFees(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);

    public PaperFees {
        for (BigDecimal v : new BigDecimal[] { makerRate, takerRate, slippage }) {
            if (v == null || v.signum() < 0 || v.compareTo(BigDecimal.ONE) >= 0) {
                throw new IllegalArgumentException("paper fee rates and slippage must be in [0, 1), was " + v);
            }
        }
    }

    /** The symbol's own entry, else the {@code "*"} entry, else none. */
    public static PaperFees of(PositionConfig.Paper paper, String symbol) {
        PositionConfig.Paper.Fees f = paper.fees().get(symbol);
        if (f == null) {
            f = paper.fees().get("*");
        }
        return f == null ? NONE : new PaperFees(f.makerRate(), f.takerRate(), f.slippage());
    }

    /** The price a fill gets when the book shows {@code price}: a buy pays more, a sell receives less. */
    public BigDecimal fillPrice(Side side, BigDecimal price) {
        if (slippage.signum() == 0) {
            return price;
        }
        BigDecimal factor = side == Side.BUY ? BigDecimal.ONE.add(slippage) : BigDecimal.ONE.subtract(slippage);
        // Rounded against the trader too, so that slippage never turns into a gain.
        return PositionRows.strip(price.multiply(factor).setScale(PRICE_SCALE, side == Side.BUY ? RoundingMode.CEILING : RoundingMode.FLOOR));
    }

    /** The commission of a fill of {@code quantity} at {@code price}; null when the rate is zero. */
    public BigDecimal commission(BigDecimal quantity, BigDecimal price, boolean maker) {
        BigDecimal rate = maker ? makerRate : takerRate;
        if (rate.signum() == 0) {
            return null;
        }
        return PositionRows.strip(quantity.multiply(price).multiply(rate).setScale(COMMISSION_SCALE, RoundingMode.HALF_UP));
    }
}
