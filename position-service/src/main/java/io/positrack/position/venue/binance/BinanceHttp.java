package io.positrack.position.venue.binance;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.HttpClient;
import io.vertx.mutiny.core.http.HttpClientResponse;

/**
 * Binance's REST API over the Vert.x HTTP client (non-blocking, native-friendly): SIGNED requests
 * ({@link #signed}), API-key-only requests ({@link #keyed}, listen keys) and public ones ({@link #open}). Every
 * request passes the {@link RateLimitGuard} first and feeds it the answer. Only the method, path and status are ever
 * logged: never the key, the secret or a signed query.
 */
@ApplicationScoped
public class BinanceHttp {

    private final Vertx vertx;
    private final BinanceConfig config;
    private final MeterRegistry registry;
    private final RateLimitGuard guard;
    private volatile HttpClient client;
    private volatile BinanceSigner signer;

    public BinanceHttp(Vertx vertx, BinanceConfig config, MeterRegistry registry) {
        this.vertx = vertx;
        this.config = config;
        this.registry = registry;
        this.guard = new RateLimitGuard(config.weightLimit(), config.weightSlowDownAt());
    }

    /** A TRADE or USER_DATA request: parameters, {@code recvWindow}, {@code timestamp}, {@code signature}. */
    public Uni<BinanceResponse> signed(HttpMethod method, String path, List<Map.Entry<String, String>> params, int weight) {
        return signed(method, path, params, weight, false);
    }

    /** A signed request that keeps a position safe: it may use the weight held in reserve (see {@link RateLimitGuard}). */
    public Uni<BinanceResponse> signedUrgent(HttpMethod method, String path, List<Map.Entry<String, String>> params, int weight) {
        return signed(method, path, params, weight, true);
    }

    private Uni<BinanceResponse> signed(HttpMethod method, String path, List<Map.Entry<String, String>> params, int weight, boolean urgent) {
        return Uni.createFrom().deferred(() -> permit(weight, urgent)).flatMap(ignored -> {
            String query = signer().signedQuery(params, System.currentTimeMillis(), config.recvWindow().toMillis());
            return send(method, path, query, true);
        });
    }

    /** A USER_STREAM request: the API key, no signature. */
    public Uni<BinanceResponse> keyed(HttpMethod method, String path, int weight) {
        return Uni.createFrom().deferred(() -> permit(weight, false)).flatMap(ignored -> send(method, path, "", true));
    }

    /** A public request. */
    public Uni<BinanceResponse> open(HttpMethod method, String path, int weight) {
        return Uni.createFrom().deferred(() -> permit(weight, false)).flatMap(ignored -> send(method, path, "", false));
    }

    /** Asked when the request is subscribed to (deferred by the callers), so a retried request waits for a pause begun since. */
    private Uni<Void> permit(int weight, boolean urgent) {
        RateLimitGuard.Decision decision = guard.before(Instant.now(), weight, urgent);
        if (decision instanceof RateLimitGuard.Refuse refuse) {
            registry.counter("positrack.binance.rate_limit", "kind", "refused").increment();
            return Uni.createFrom().failure(new RateLimitedException(refuse.why()));
        }
        if (decision instanceof RateLimitGuard.Wait wait) {
            if (wait.duration().compareTo(config.maxRateLimitWait()) > 0) {
                registry.counter("positrack.binance.rate_limit", "kind", "refused").increment();
                return Uni.createFrom().failure(new RateLimitedException(wait.why() + ": next request in " + wait.duration()));
            }
            registry.counter("positrack.binance.rate_limit", "kind", "waited").increment();
            return Uni.createFrom().voidItem().onItem().delayIt().by(wait.duration().plusMillis(1)).flatMap(ignored -> permit(weight, urgent));
        }
        return Uni.createFrom().voidItem();
    }

    private Uni<BinanceResponse> send(HttpMethod method, String path, String query, boolean withKey) {
        RequestOptions options = new RequestOptions().setMethod(method)
                .setAbsoluteURI(config.restBaseUrl() + path + (query.isEmpty() ? "" : "?" + query))
                .setIdleTimeout(config.requestTimeout().toMillis());
        if (withKey) {
            options.putHeader("X-MBX-APIKEY", config.apiKey()
                    .orElseThrow(() -> new IllegalStateException("positrack.binance.api-key is not set")));
        }
        Duration timeout = config.requestTimeout();
        return http().request(options)
                .flatMap(request -> request.send())
                .flatMap(response -> response.body().map(body -> answer(response, body.toString())))
                .ifNoItem().after(timeout).failWith(() -> new TimeoutException("binance " + method + " " + path + ": no answer after " + timeout))
                .invoke(r -> {
                    guard.after(Instant.now(), r.status(), r.usedWeight(), r.retryAfterSeconds());
                    if (r.status() == 429 || r.status() == 418) {
                        registry.counter("positrack.binance.rate_limit", "kind", Integer.toString(r.status())).increment();
                    }
                });
    }

    private static BinanceResponse answer(HttpClientResponse response, String body) {
        return new BinanceResponse(response.statusCode(), body, intHeader(response.getHeader("X-MBX-USED-WEIGHT-1M")),
                longHeader(response.getHeader("Retry-After")));
    }

    private static OptionalInt intHeader(String value) {
        try {
            return value == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    private static OptionalLong longHeader(String value) {
        try {
            return value == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private HttpClient http() {
        HttpClient c = client;
        if (c == null) {
            synchronized (this) {
                if (client == null) {
                    client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout((int) config.connectTimeout().toMillis())
                            .setKeepAlive(true).setVerifyHost(true));
                }
                c = client;
            }
        }
        return c;
    }

    private BinanceSigner signer() {
        BinanceSigner s = signer;
        if (s == null) {
            s = new BinanceSigner(config.secretKey()
                    .orElseThrow(() -> new IllegalStateException("positrack.binance.secret-key is not set")));
            signer = s;
        }
        return s;
    }
}
