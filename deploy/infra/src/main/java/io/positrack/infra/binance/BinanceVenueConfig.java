package io.positrack.infra.binance;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * position-service's configuration for trading on a Binance USDⓈ-M futures endpoint (the real one or the stand-in):
 * the one place the local run and the tests name these keys. The key and secret are secrets: {@code ServiceProcess}
 * hands keys that look like one to the child in its environment, never on its command line.
 */
public final class BinanceVenueConfig {

    private BinanceVenueConfig() {
    }

    public static Map<String, String> of(String restBaseUrl, String websocketBaseUrl, String apiKey, String secretKey, String account) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("positrack.binance.enabled", "true");
        config.put("positrack.binance.account", account);
        config.put("positrack.binance.rest-base-url", restBaseUrl);
        config.put("positrack.binance.websocket-base-url", websocketBaseUrl);
        config.put("positrack.binance.api-key", apiKey);
        config.put("positrack.binance.secret-key", secretKey);
        return config;
    }

    /** Trading on {@code standIn} for {@code account}. */
    public static Map<String, String> of(BinanceFuturesStandIn standIn, String account) {
        return of(standIn.restBaseUrl(), standIn.websocketBaseUrl(), standIn.apiKey(), standIn.secretKey(), account);
    }
}
