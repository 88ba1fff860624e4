package io.positrack.contracts.market;

import java.math.BigDecimal;
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonFormat;

/** One price update on {@code market-ticks}, keyed by symbol. {@code venueTime} is the venue's clock (UTC). */
public record MarketTick(
        String symbol,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal bid,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal ask,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal last,
        Instant venueTime) {
}
