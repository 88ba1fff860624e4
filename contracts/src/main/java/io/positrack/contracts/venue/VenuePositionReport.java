package io.positrack.contracts.venue;

import java.math.BigDecimal;
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;

import io.positrack.contracts.position.Side;

/**
 * What a venue says one account holds in one symbol, as of one venue time: one line of a position
 * snapshot (a REST query, or the position part of a stream event). On {@code venue-events}, keyed by
 * symbol, with {@code "type": "PositionReport"} to tell it from an {@link OrderUpdate}.
 *
 * @param type always {@value #TYPE}
 * @param reportId unique per report; a redelivered report is applied once
 * @param side {@code null} when flat
 * @param quantity the absolute size held, {@code 0} when flat; never negative
 * @param complete false when the venue answered only in part: the report is then "unknown", never "flat"
 * @param asOf the venue time at which this state was true. A snapshot that lags the venue (eventual
 *     consistency) must say so through an older {@code asOf}; a report not newer than the last venue
 *     event applied for the symbol is stale and ignored.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VenuePositionReport(
        String type,
        String reportId,
        String account,
        String venue,
        String symbol,
        Side side,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal quantity,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal entryPrice,
        boolean complete,
        Instant asOf) {

    public static final String TYPE = "PositionReport";

    public static VenuePositionReport of(String reportId, String account, String venue, String symbol, Side side, BigDecimal quantity,
            BigDecimal entryPrice, boolean complete, Instant asOf) {
        return new VenuePositionReport(TYPE, reportId, account, venue, symbol, quantity.signum() == 0 ? null : side, quantity,
                entryPrice, complete, asOf);
    }

    public boolean flat() {
        return quantity.signum() == 0;
    }
}
