package io.positrack.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ServiceConfigsTest {

    @Test
    void theInteractiveRunSwitchesTheSimulatedFeedOn() {
        assertThat(ServiceConfigs.signalService(8082, false)).containsEntry("positrack.signal.feed.simulated.enabled", "true")
                .containsEntry("quarkus.http.port", "8082");
    }

    @Test
    void theDemoDrivesTheMarketItselfSoTheFeedIsOff() {
        assertThat(ServiceConfigs.signalService(1, true)).containsEntry("positrack.signal.feed.simulated.enabled", "false")
                .containsEntry("positrack.signal.symbols", "XAUUSD").containsEntry("positrack.signal.instrument-defaults.bar-duration", "1s");
    }

    @Test
    void thePaperVenueIsOn() {
        assertThat(ServiceConfigs.positionService(8081)).containsEntry("positrack.position.paper.enabled", "true");
    }

    @Test
    void everyChatIsAllowListedWithTheAccountAndTheStandInIsTheApi() {
        Map<String, String> c = ServiceConfigs.telegramGateway(8083, "http://localhost:9", "1:x", List.of(5L, -6L), "acc");
        assertThat(c).containsEntry("positrack.telegram.api-base-url", "http://localhost:9")
                .containsEntry("positrack.telegram.chats[0].id", "5").containsEntry("positrack.telegram.chats[0].account", "acc")
                .containsEntry("positrack.telegram.chats[1].id", "-6").containsEntry("positrack.telegram.chats[1].account", "acc");
    }

    @Test
    void theRealTelegramKeepsTheGatewaysDefaultApi() {
        assertThat(ServiceConfigs.telegramGateway(8083, null, "1:x", List.of(5L), "acc")).doesNotContainKey("positrack.telegram.api-base-url");
    }

    private static final ServiceConfigs.BinanceEndpoints BINANCE = new ServiceConfigs.BinanceEndpoints("https://rest.example",
            "wss://ws.example", "THEAPIKEY", "THESECRET");

    @Test
    void aBinanceRunTradesOnBinanceForTheAccountInsteadOfOnPaper() {
        assertThat(ServiceConfigs.positionService(8081, BINANCE, "desk"))
                .containsEntry("positrack.binance.enabled", "true").containsEntry("positrack.position.paper.enabled", "false")
                .containsEntry("positrack.binance.account", "desk").containsEntry("positrack.binance.rest-base-url", "https://rest.example")
                .containsEntry("positrack.binance.websocket-base-url", "wss://ws.example")
                .containsEntry("positrack.binance.api-key", "THEAPIKEY").containsEntry("positrack.binance.secret-key", "THESECRET");
        assertThat(BINANCE.toString()).doesNotContain("THEAPIKEY").doesNotContain("THESECRET");
    }

    @Test
    void aBinanceRunsStrategyWatchesBinancesMarketStreamsAndSendsItsEntriesThere() {
        Map<String, String> c = ServiceConfigs.signalService(8082, false, BINANCE);
        assertThat(c).containsEntry("positrack.signal.venue", "binance-usdm").containsEntry("positrack.signal.symbols", "BTCUSDT")
                .containsEntry("positrack.signal.feed.simulated.enabled", "false").containsEntry("positrack.signal.feed.binance.enabled", "true")
                .containsEntry("positrack.signal.feed.binance.websocket-base-url", "wss://ws.example");
        // Live prices must be fresh to trade on: the interactive run keeps the staleness check at its default (on).
        assertThat(c).doesNotContainKey("positrack.signal.staleness.enabled");
        assertThat(ServiceConfigs.signalService(1, true, BINANCE)).containsEntry("positrack.signal.staleness.enabled", "false");
    }

    @Test
    void theGatewaysDefaultSymbolIsTheVenuesSymbol() {
        assertThat(ServiceConfigs.telegramGateway(8083, null, "1:x", List.of(5L), "acc", "BTCUSDT"))
                .containsEntry("positrack.telegram.default-symbol", "BTCUSDT");
    }

    @Test
    void tracingSamplesEverySpanAndExportsOverOtlpHttpToTheCollectorsTracesPath() {
        Map<String, String> config = ServiceConfigs.tracing(java.net.URI.create("http://localhost:4318/"));
        assertThat(config).containsEntry("quarkus.otel.traces.sampler.arg", "1.0")
                .containsEntry("mp.messaging.connector.smallrye-kafka.tracing-enabled", "true")
                .containsEntry("quarkus.otel.exporter.otlp.traces.protocol", "http/protobuf")
                .containsEntry("quarkus.otel.exporter.otlp.traces.endpoint", "http://localhost:4318/v1/traces");
    }
}
