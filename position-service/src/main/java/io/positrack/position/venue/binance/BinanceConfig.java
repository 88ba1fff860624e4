package io.positrack.position.venue.binance;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The Binance USDⓈ-M futures venue ({@code positrack.binance.*}); every key is in docs/binance.md. The API key and
 * secret come from the environment or a Secret ({@code POSITRACK_BINANCE_API_KEY}, {@code POSITRACK_BINANCE_SECRET_KEY})
 * and are never logged.
 */
@ConfigMapping(prefix = "positrack.binance")
public interface BinanceConfig {

    /** Whether the venue exists at all (checked at run time: one image serves both). */
    @WithDefault("false")
    boolean enabled();

    /** The Positrack account the API key trades for; positions on this venue carry it. */
    @WithDefault("binance")
    String account();

    /** REST base URL: production {@code https://fapi.binance.com}, testnet {@code https://demo-fapi.binance.com}. */
    @WithDefault("https://fapi.binance.com")
    String restBaseUrl();

    /** User data stream base URL (connections at {@code /ws/<listenKey>}): testnet {@code wss://fstream.binancefuture.com}. */
    @WithDefault("wss://fstream.binance.com")
    String websocketBaseUrl();

    /** Sent as {@code X-MBX-APIKEY}. */
    Optional<String> apiKey();

    /** Signs requests (HMAC SHA256). */
    Optional<String> secretKey();

    /** How long after its {@code timestamp} Binance may still execute a signed request. */
    @WithDefault("5s")
    Duration recvWindow();

    @WithDefault("5s")
    Duration connectTimeout();

    /** A request without an answer after this long is "unknown" (a placement is then looked up, never resent blindly). */
    @WithDefault("10s")
    Duration requestTimeout();

    /** How often the listen key is extended (it expires 60 minutes after the last extension). */
    @WithDefault("30m")
    Duration keepAliveInterval();

    /** A stream connection is replaced after this long (Binance closes it at 24 hours). */
    @WithDefault("23h")
    Duration reconnectAfter();

    /** First wait before reconnecting a lost stream; doubles up to {@code reconnect-backoff-max}. */
    @WithDefault("1s")
    Duration reconnectBackoff();

    @WithDefault("30s")
    Duration reconnectBackoffMax();

    /**
     * How far behind the stream positionRisk may be (it promises no freshness). A symbol the answer leaves out is
     * flat as of the server time of the query minus this, so a position opened by a fill less than this long
     * before the query is never taken for flat.
     */
    @WithDefault("2s")
    Duration positionRiskLag();

    /** The IP request weight per minute ({@code REQUEST_WEIGHT} in exchangeInfo's rateLimits). */
    @WithDefault("2400")
    int weightLimit();

    /** Share of the weight limit above which queries wait for the next minute; orders (weight 0) never wait. */
    @WithDefault("0.8")
    double weightSlowDownAt();

    /** Longest wait for a rate-limit pause before a request is given up ("unknown" for a placement). */
    @WithDefault("5s")
    Duration maxRateLimitWait();

    /** How long the symbols' rules read from {@code GET /fapi/v1/exchangeInfo} are used before they are read again. */
    @WithDefault("1h")
    Duration exchangeInfoRefresh();

    /**
     * Least time between two reads of exchangeInfo outside the refresh: for a symbol the last answer did not list, or
     * after a failed read. A command for an unknown symbol within this time is refused without a request.
     */
    @WithDefault("10s")
    Duration exchangeInfoRetryAfter();
}
