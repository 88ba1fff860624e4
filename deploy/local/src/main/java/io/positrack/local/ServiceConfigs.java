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

    /** position-service: its paper venue is on by default; it is named here so the local run never depends on that default. */
    public static Map<String, String> positionService(int port) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("quarkus.http.port", Integer.toString(port));
        config.put("positrack.position.paper.enabled", "true");
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
        Map<String, String> config = new LinkedHashMap<>();
        config.put("quarkus.http.port", Integer.toString(port));
        if (apiBaseUrl != null) {
            config.put("positrack.telegram.api-base-url", apiBaseUrl);
        }
        config.put("positrack.telegram.bot-token", botToken);
        config.put("positrack.telegram.mode", "polling");
        config.put("positrack.telegram.default-symbol", SYMBOL);
        // A short long-poll: a stopped gateway's last poll ends soon, and the next run polls without a 409.
        config.put("positrack.telegram.polling.timeout", "5s");
        for (int i = 0; i < chatIds.size(); i++) {
            config.put("positrack.telegram.chats[" + i + "].id", Long.toString(chatIds.get(i)));
            config.put("positrack.telegram.chats[" + i + "].account", account);
        }
        return config;
    }
}
