package io.positrack.signal.session;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonFormat;

/**
 * How one symbol's signal sessions went.
 *
 * @param trades closed sessions whose entry filled (an entry that never filled is no trade)
 * @param wins trades with a positive realized PnL; {@code losses} are the other trades
 * @param winRate wins / trades, 0..1, absent without trades
 * @param averageR mean of realized PnL / initial risk, the risk being |entry price - initial stop loss| x
 *     filled quantity; absent without trades
 */
public record SessionStatistics(String symbol, long sessions, long open, long closed, long trades, long wins, long losses,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal winRate,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal averageR,
        String realizedPnl) {
}
