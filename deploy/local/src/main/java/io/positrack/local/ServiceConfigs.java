package io.positrack.local;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The configuration each service gets on top of the infrastructure's ({@code LocalInfrastructure.quarkusConfig}),
 * passed as system properties by {@code ServiceProcess}: the intended way to tune a service without touching
 * its code. Pure, so that what the local run configures is tested without starting anything.
 */
public final class ServiceConfigs {

    /** The symbol the chat talks about, in the interactive run and in the demo. */
    public static final String SYMBOL = "XAUUSD";
    /** The second symbol of the interactive run's simulated market. */
    public static final String SECOND_SYMBOL = "EURUSD";

    private ServiceConfigs() {
    }

    /** The Binance symbol a Binance run watches and trades. */
    public static final String BINANCE_SYMBOL = "BTCUSDT";

    /**
     * Where a Binance run connects and with which key. Every value is a URL or a credential, never a default: the
     * launcher fills it from {@link TradingVenue} (or the stand-in) and the environment.
     */
    public record BinanceEndpoints(String restBaseUrl, String websocketBaseUrl, String apiKey, String secretKey) {
        @Override
        public String toString() {
            // The key and secret are secrets: this record may end up in a message.
            return "BinanceEndpoints[rest=" + restBaseUrl + ", websocket=" + websocketBaseUrl + "]";
        }
    }

    /**
     * Tracing switched on for a service, exporting to the OTLP/HTTP collector at {@code collector} (its base URL; the
     * traces path is the standard {@code /v1/traces}). Off, the services' shared default, nothing is traced.
     */
    public static Map<String, String> tracing(java.net.URI collector) {
        String base = collector.toString().replaceAll("/+$", "");
        Map<String, String> config = new LinkedHashMap<>();
        // The services sample no trace by default (ratio 0 of their build-time parent-based ratio sampler, see their
        // application.properties); every trace here, continued downstream from its parent.
        config.put("quarkus.otel.traces.sampler.arg", "1.0");
        config.put("mp.messaging.connector.smallrye-kafka.tracing-enabled", "true");
        config.put("quarkus.otel.exporter.otlp.traces.protocol", "http/protobuf");
        config.put("quarkus.otel.exporter.otlp.traces.endpoint", base + "/v1/traces");
        return config;
    }

    /** position-service: its paper venue is on by default; it is named here so the local run never depends on that default. */
    public static Map<String, String> positionService(int port) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("quarkus.http.port", Integer.toString(port));
        config.put("positrack.position.paper.enabled", "true");
        return config;
    }

    /**
     * position-service trading on Binance USDⓈ-M futures for {@code account} instead of the paper venue. The key and
     * secret are secrets: {@code ServiceProcess} hands them to the child through its environment.
     */
    public static Map<String, String> positionService(int port, BinanceEndpoints binance, String account) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("quarkus.http.port", Integer.toString(port));
        config.put("positrack.position.paper.enabled", "false");
        config.putAll(io.positrack.infra.binance.BinanceVenueConfig.of(binance.restBaseUrl(), binance.websocketBaseUrl(), binance.apiKey(),
                binance.secretKey(), account));
        return config;
    }

    /**
     * signal-service watching Binance's market streams of {@value #BINANCE_SYMBOL} and sending its entries to the
     * Binance venue. The demo (against the stand-in) plays one-second bars of a crafted series minutes in the past, so
     * it switches staleness off as the paper demo does; an interactive run keeps it on: live prices must be fresh.
     */
    public static Map<String, String> signalService(int port, boolean demo, BinanceEndpoints binance) {
        Map<String, String> config = signalService(port, demo);
        config.put("positrack.signal.venue", "binance-usdm");
        config.put("positrack.signal.symbols", BINANCE_SYMBOL);
        config.put("positrack.signal.feed.simulated.enabled", "false");
        config.put("positrack.signal.feed.binance.enabled", "true");
        config.put("positrack.signal.feed.binance.websocket-base-url", binance.websocketBaseUrl());
        // The smallest order Binance takes on BTCUSDT is 0.001 BTC and 100 USDT of notional: a few of them.
        config.put("positrack.signal.instruments." + BINANCE_SYMBOL + ".quantity", "0.002");
        config.put("positrack.signal.instruments." + BINANCE_SYMBOL + ".price-scale", "1");
        if (!demo) {
            // Live prices tick many times a second; ten-second bars show a signal within minutes.
            config.put("positrack.signal.instrument-defaults.bar-duration", "10s");
            config.remove("positrack.signal.staleness.enabled");
        }
        return config;
    }

    /**
     * signal-service. Both modes use short indicator periods, so that a person sees a signal within minutes
     * rather than after the default 22 one-minute bars of warm-up.
     *
     * <ul>
     * <li>interactive: the simulated feed (only on in signal-service's %dev profile, so switched on here) moves
     * {@value #SYMBOL} and {@value #SECOND_SYMBOL} every second, on 5-second bars;</li>
     * <li>demo: no feed at all. The demo publishes a crafted tick series (one tick per one-second bar) itself, so
     * the scenario is the same on every run.</li>
     * </ul>
     */
    public static Map<String, String> signalService(int port, boolean demo) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("quarkus.http.port", Integer.toString(port));
        config.put("positrack.signal.venue", "paper");
        config.put("positrack.signal.instrument-defaults.fast-ema", "3");
        config.put("positrack.signal.instrument-defaults.slow-ema", "6");
        config.put("positrack.signal.instrument-defaults.rsi-period", "6");
        config.put("positrack.signal.instrument-defaults.atr-period", "4");
        config.put("positrack.signal.instrument-defaults.rsi-buy-max", "80");
        config.put("positrack.signal.instrument-defaults.rsi-sell-min", "20");
        config.put("positrack.signal.instrument-defaults.stop-loss-atr", "1");
        config.put("positrack.signal.instrument-defaults.take-profit-atr", "2");
        if (demo) {
            config.put("positrack.signal.symbols", SYMBOL);
            config.put("positrack.signal.instrument-defaults.bar-duration", "1s");
            // The crafted bars lie a few minutes in the past; an hour of validity keeps their signals current.
            config.put("positrack.signal.instrument-defaults.signal-validity", "1h");
            config.put("positrack.signal.feed.simulated.enabled", "false");
            // The crafted ticks are minutes old by design: with staleness on, every entry on them would be refused.
            config.put("positrack.signal.staleness.enabled", "false");
        } else {
            config.put("positrack.signal.symbols", SYMBOL + "," + SECOND_SYMBOL);
            config.put("positrack.signal.instrument-defaults.bar-duration", "5s");
            config.put("positrack.signal.instrument-defaults.signal-validity", "2m");
            config.put("positrack.signal.feed.simulated.enabled", "true");
            config.put("positrack.signal.feed.simulated.interval", "1s");
            config.put("positrack.signal.instruments." + SYMBOL + ".start-price", "2400");
            config.put("positrack.signal.instruments." + SYMBOL + ".annual-volatility", "0.6");
            config.put("positrack.signal.instruments." + SYMBOL + ".spread", "0.2");
            config.put("positrack.signal.instruments." + SECOND_SYMBOL + ".start-price", "1.08");
            config.put("positrack.signal.instruments." + SECOND_SYMBOL + ".price-scale", "5");
            config.put("positrack.signal.instruments." + SECOND_SYMBOL + ".spread", "0.0001");
            config.put("positrack.signal.instruments." + SECOND_SYMBOL + ".quantity", "10000");
        }
        return config;
    }

    /**
     * telegram-gateway in polling mode against {@code apiBaseUrl} (the stand-in's, or the real Telegram's when
     * {@code null}), every chat allow-listed and mapped to {@code account}. The token is a secret:
     * {@code ServiceProcess} passes keys containing "token" through the child's environment, never its
     * command line.
     */
    public static Map<String, String> telegramGateway(int port, String apiBaseUrl, String botToken, List<Long> chatIds,
            String account) {
        return telegramGateway(port, apiBaseUrl, botToken, chatIds, account, SYMBOL);
    }

    /** As above, with the symbol a bare {@code /getsignal} or {@code /status} means. */
    public static Map<String, String> telegramGateway(int port, String apiBaseUrl, String botToken, List<Long> chatIds,
            String account, String defaultSymbol) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("quarkus.http.port", Integer.toString(port));
        if (apiBaseUrl != null) {
            config.put("positrack.telegram.api-base-url", apiBaseUrl);
        }
        config.put("positrack.telegram.bot-token", botToken);
        config.put("positrack.telegram.mode", "polling");
        config.put("positrack.telegram.default-symbol", defaultSymbol);
        // A short long-poll: a stopped gateway's last poll ends soon, and the next run polls without a 409.
        config.put("positrack.telegram.polling.timeout", "5s");
        for (int i = 0; i < chatIds.size(); i++) {
            config.put("positrack.telegram.chats[" + i + "].id", Long.toString(chatIds.get(i)));
            config.put("positrack.telegram.chats[" + i + "].account", account);
        }
        return config;
    }
}
