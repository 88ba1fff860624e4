package io.positrack.contracts.position;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Realized profit and loss of an account's finished positions, the answer to a {@code PnlReport}. A position counts in
 * the period in which it closed; amounts are in the quote currency of each symbol, summed as they are (an account that
 * trades symbols of different quote currencies gets a sum the reader must not take for one currency).
 *
 * @param days one line per UTC day, oldest first, each day present even when empty; empty for the all-time report
 * @param total the whole period
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PnlSummary(List<Line> days, Line total) {

    /**
     * @param from the start of the period (inclusive), or absent for "since the first position"
     * @param until the end of the period (exclusive)
     * @param positions finished positions that closed in the period with a realized PnL
     * @param wins those with a positive net
     * @param losses those with a negative net
     * @param gross realized PnL from the fill prices
     * @param fees commissions paid (positive) or rebated (negative); zero until the venue reports them
     * @param funding funding received (positive) or paid (negative); zero until the venue reports them
     * @param net {@code gross - fees + funding}
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Line(Instant from, Instant until, int positions, int wins, int losses,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal gross,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal fees,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal funding,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal net) {
    }
}
