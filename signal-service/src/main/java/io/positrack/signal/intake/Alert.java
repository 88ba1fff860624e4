package io.positrack.signal.intake;

import java.math.BigDecimal;
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonFormat;

/**
 * An alert as a sender posts it (docs/signal-intake.md). Decimals and the time are strings, as everywhere on
 * our wire; TradingView's placeholders ({@code "{{close}}"}, {@code "{{timenow}}"}) are written in quotes.
 *
 * @param secret TradingView format only: the source's shared secret
 * @param id the sender's alert id; it becomes the signal id, so the same alert twice opens one position
 * @param action {@code buy}/{@code long}, {@code sell}/{@code short} open; {@code close}/{@code flat} closes
 */
public record Alert(String secret, String id, String ticker, String action,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal price,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal stopLoss,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal takeProfit,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal quantity,
        Instant time) {

    /** Never print the secret (records print every field). */
    @Override
    public String toString() {
        return "Alert[id=" + id + ", ticker=" + ticker + ", action=" + action + ", time=" + time + "]";
    }
}
