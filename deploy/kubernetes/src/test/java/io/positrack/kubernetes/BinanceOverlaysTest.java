package io.positrack.kubernetes;

import static io.positrack.kubernetes.ManifestsTest.container;
import static io.positrack.kubernetes.ManifestsTest.one;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/**
 * The one switch for live trading in Kubernetes: an overlay per Binance environment turns on the Binance venue in
 * position-service and the Binance market feed in signal-service together, against the same exchange, with the key
 * from the operator's Secret; the other overlays trade on neither.
 */
class BinanceOverlaysTest {

    private static final Map<String, String[]> ENDPOINTS = Map.of(
            "binance-testnet", new String[] { "https://demo-fapi.binance.com", "wss://fstream.binancefuture.com" },
            "binance-mainnet", new String[] { "https://fapi.binance.com", "wss://fstream.binance.com" });

    @Test
    void eachBinanceOverlayTradesAndWatchesTheSameExchangeWithTheKeyFromTheOperatorsSecret() {
        ENDPOINTS.forEach((overlay, urls) -> {
            assertThat(value(overlay, "position-service", "POSITRACK_BINANCE_ENABLED")).as(overlay).contains("true");
            assertThat(value(overlay, "position-service", "POSITRACK_BINANCE_REST_BASE_URL")).as(overlay).contains(urls[0]);
            assertThat(value(overlay, "position-service", "POSITRACK_BINANCE_WEBSOCKET_BASE_URL")).as(overlay).contains(urls[1]);
            assertThat(value(overlay, "signal-service", "POSITRACK_SIGNAL_FEED_BINANCE_WEBSOCKET_BASE_URL")).as(overlay).contains(urls[1]);
            assertThat(value(overlay, "signal-service", "POSITRACK_SIGNAL_FEED_BINANCE_ENABLED")).as(overlay).contains("true");
            assertThat(value(overlay, "signal-service", "POSITRACK_SIGNAL_VENUE")).as(overlay).contains("binance-usdm");
            for (String[] secret : new String[][] { { "POSITRACK_BINANCE_API_KEY", "api-key" }, { "POSITRACK_BINANCE_SECRET_KEY", "secret-key" } }) {
                EnvVar env = env(overlay, "position-service", secret[0]).orElseThrow();
                assertThat(env.getValue()).as("%s: %s is never a literal", overlay, secret[0]).isNull();
                assertThat(env.getValueFrom().getSecretKeyRef().getName()).isEqualTo("positrack-binance");
                assertThat(env.getValueFrom().getSecretKeyRef().getKey()).isEqualTo(secret[1]);
            }
            assertThat(one(overlay, Deployment.class, "signal-service").getSpec().getReplicas()).as(overlay).isEqualTo(1);
        });
    }

    @Test
    void theOtherOverlaysTradeOnPaperAndWatchNoExchange() {
        for (String overlay : new String[] { "dev", "prod" }) {
            for (String service : ManifestsTest.SERVICES) {
                assertThat(container(overlay, service).getEnv()).as("%s: %s", overlay, service)
                        .noneMatch(e -> e.getName().startsWith("POSITRACK_BINANCE_") || e.getName().startsWith("POSITRACK_SIGNAL_FEED_BINANCE_"));
            }
        }
    }

    private static Optional<String> value(String overlay, String service, String name) {
        return env(overlay, service, name).map(EnvVar::getValue);
    }

    private static Optional<EnvVar> env(String overlay, String service, String name) {
        return container(overlay, service).getEnv().stream().filter(e -> e.getName().equals(name)).findFirst();
    }
}
