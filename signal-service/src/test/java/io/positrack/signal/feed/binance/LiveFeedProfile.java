package io.positrack.signal.feed.binance;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.positrack.infra.binance.BinanceFuturesStandIn;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * signal-service with the Binance market feed pointed at a stand-in, staleness on with a short max age, and timings
 * short enough for tests. The stand-in is shared by the test JVM.
 */
public class LiveFeedProfile implements QuarkusTestProfile {

    /** The Binance symbols the tests stream, one per behaviour so that they cannot disturb each other. */
    public static final List<String> SYMBOLS = List.of("BARSUSDT", "RECOUSDT", "STALEUSDT", "ORDERUSDT", "PASTUSDT");

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
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new LinkedHashMap<>();
        // The test profile's symbols (some have overrides there) and these; only these are streamed.
        config.put("positrack.signal.symbols", "XAUUSD,FWDUSD,ORDUSD,SIGUSD,TICKUSD,BADUSD,SESSUSD,EXPUSD,FEEDUSD,SIMUSD,FUTUSD,"
                + String.join(",", SYMBOLS));
        config.put("positrack.signal.feed.binance.symbols", String.join(",", SYMBOLS));
        // TickScript's bars lie an hour back: its signals stay current for the whole test (ids do not depend on it).
        config.put("positrack.signal.instrument-defaults.signal-validity", "3h");
        config.put("positrack.signal.feed.binance.enabled", "true");
        config.put("positrack.signal.feed.binance.reconnect-backoff", "100ms");
        config.put("positrack.signal.feed.binance.reconnect-backoff-max", "1s");
        config.put("positrack.signal.feed.binance.silence-timeout", "3s");
        config.put("positrack.signal.feed.binance.ping-interval", "1s");
        config.put("positrack.signal.staleness.enabled", "true");
        config.put("positrack.signal.staleness.max-age", "2s");
        config.put("positrack.signal.staleness.check-interval", "200ms");
        config.put("positrack.signal.staleness.alert-account", "feed-ops");
        // application.properties sets some of these for the test profile: the profiled names are overridden too.
        Map<String, String> both = new LinkedHashMap<>(config);
        config.forEach((key, value) -> both.put("%test." + key, value));
        return both;
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(StandInResource.class));
    }

    public static class StandInResource implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            return Map.of("positrack.signal.feed.binance.websocket-base-url", standIn().websocketBaseUrl());
        }

        @Override
        public void stop() {
            // Shared by the test JVM: stopped by the shutdown hook.
        }
    }
}
