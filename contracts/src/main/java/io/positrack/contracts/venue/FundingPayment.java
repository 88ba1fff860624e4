package io.positrack.contracts.venue;

import java.math.BigDecimal;
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One funding payment of a perpetual futures position, as the venue booked it: on {@code venue-events}, keyed by
 * symbol, with {@code "type": "FundingPayment"} to tell it from an {@link OrderUpdate} or a
 * {@link VenuePositionReport}. It is attributed to the position of (account, venue, symbol) that was open at
 * {@code time}.
 *
 * @param type always {@value #TYPE}
 * @param paymentId unique per venue and account (Binance: the income record's {@code tranId}); a redelivered payment
 *     is applied once
 * @param amount signed, as the account sees it: positive when the position received funding, negative when it paid
 * @param asset the asset the payment was booked in (USDT for USDⓈ-M futures)
 * @param time when the venue booked it (the funding time)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FundingPayment(
        String type,
        String paymentId,
        String account,
        String venue,
        String symbol,
        String asset,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount,
        Instant time) {

    public static final String TYPE = "FundingPayment";

    public static FundingPayment of(String paymentId, String account, String venue, String symbol, String asset, BigDecimal amount,
            Instant time) {
        return new FundingPayment(TYPE, paymentId, account, venue, symbol, asset, amount, time);
    }
}
