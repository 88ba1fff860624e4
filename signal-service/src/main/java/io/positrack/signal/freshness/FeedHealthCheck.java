package io.positrack.signal.freshness;

import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.positrack.signal.feed.binance.BinanceFuturesFeed;

/**
 * Feed health in readiness: the live feed's connection, every watched symbol's tick age and the stale symbols. It
 * reports and never goes DOWN: a service that is not ready receives no traffic, and that would block the exits
 * staleness must never block. Stale symbols alert on {@code alerts} and in the metrics instead.
 */
@Readiness
@ApplicationScoped
public class FeedHealthCheck implements HealthCheck {

    private final StalenessWatch watch;
    private final BinanceFuturesFeed binance;

    public FeedHealthCheck(StalenessWatch watch, BinanceFuturesFeed binance) {
        this.watch = watch;
        this.binance = binance;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("market-data").up()
                .withData("staleness", watch.enabled() ? "checked" : "off")
                .withData("stale", watch.staleSymbols().entrySet().stream().map(e -> e.getKey() + " since " + e.getValue())
                        .collect(Collectors.joining(", ")));
        for (String symbol : watch.watched()) {
            response.withData("age." + symbol, watch.ageOf(symbol).map(d -> d.toMillis() / 1000.0 + " s").orElse("never ticked"));
        }
        if (binance.enabled()) {
            response.withData("binance.connected", binance.connected());
            response.withData("binance.lastMessageAt", binance.lastMessageAt().map(Object::toString).orElse("never"));
        }
        return response.build();
    }
}
