package io.positrack.position.venue.binance;

import java.util.LinkedHashMap;
import java.util.Map;

import io.positrack.infra.binance.BinanceFuturesStandIn;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points the Binance venue at a stand-in (one per test JVM, like the broker and the database) with the stand-in's
 * own keys, so every request is signed and verified, and with timings short enough for tests.
 */
public class BinanceStandInResource implements QuarkusTestResourceLifecycleManager {

    public static final String ACCOUNT = "binance-test";

    private static BinanceFuturesStandIn shared;

    public static synchronized BinanceFuturesStandIn standIn() {
        if (shared == null) {
            BinanceFuturesStandIn started = BinanceFuturesStandIn.start();
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "binance-stand-in-stop"));
            shared = started;
        }
        return shared;
    }

    @Override
    public Map<String, String> start() {
        BinanceFuturesStandIn standIn = standIn();
        Map<String, String> config = new LinkedHashMap<>();
        config.putAll(io.positrack.infra.binance.BinanceVenueConfig.of(standIn, ACCOUNT));
        config.put("positrack.binance.keep-alive-interval", "2s");
        config.put("positrack.binance.reconnect-backoff", "200ms");
        config.put("positrack.binance.reconnect-backoff-max", "2s");
        config.put("positrack.binance.request-timeout", "5s");
        config.put("positrack.binance.position-risk-lag", "500ms");
        // Each test lists symbols of its own after the service read exchangeInfo: one refetch per new symbol, at once.
        config.put("positrack.binance.exchange-info-retry-after", "0s");
        return config;
    }

    @Override
    public void stop() {
        // Shared for the whole JVM: stopped by the shutdown hook.
    }
}
