package io.positrack.signal.intake;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.WithDefault;

/**
 * One configured sender of alerts ({@code positrack.signal.intake.<name>.*}): how it proves who it is, whose
 * account its alerts trade, on which symbols and with what size. The sender never chooses the account, and
 * chooses the size only up to {@link #maxQuantity()}.
 */
public interface IntakeSource {

    /** How alerts are authenticated: a secret inside the JSON (TradingView cannot set headers) or an HMAC header. */
    enum Format {
        /** The body carries {@code "secret"}; TradingView's webhook sends the alert message as it is. */
        TRADINGVIEW,
        /** Header {@code X-Positrack-Signature: sha256=<hex HMAC-SHA256 of the raw body with the secret>}. */
        GENERIC
    }

    @WithDefault("TRADINGVIEW")
    Format format();

    /** The shared secret (at least 24 characters); from a Secret or the environment, never from git. */
    String secret();

    /** The account every alert of this source trades. */
    String account();

    /** The venue; signal-service's {@code positrack.signal.venue} when absent. */
    Optional<String> venue();

    /** The quantity an entry opens when the alert names none. */
    BigDecimal quantity();

    /** When present, an alert may name its own quantity up to this; when absent, an alert's quantity is refused. */
    Optional<BigDecimal> maxQuantity();

    /** The sender's ticker to our symbol ({@code "BINANCE:BTCUSDT.P"=BTCUSDT}); an unmapped ticker is refused. */
    Map<String, String> symbols();

    /** Stop loss this far (percent of the price) from the entry when the alert has none; none when absent. */
    Optional<BigDecimal> stopLossPercent();

    /** Take profit this far (percent of the price) from the entry when the alert has none; none when absent. */
    Optional<BigDecimal> takeProfitPercent();

    /** An alert older than this (by its {@code time}) is refused rather than traded late. */
    @WithDefault("60s")
    Duration maxAge();
}
