package io.positrack.local;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Where the local run trades and where its market data comes from: one switch ({@code --venue}) that sets
 * position-service's venue and signal-service's feed together, so a run never trades on Binance while its
 * strategy watches a random walk, or the other way round.
 *
 * <ul>
 * <li>{@code paper}: the paper venue and the simulated market (the default);</li>
 * <li>{@code binance-testnet} / {@code binance-mainnet}: Binance USDⓈ-M futures for orders, positions and the
 * market streams, with the key and secret from the environment;</li>
 * <li>{@code binance-stand-in}: the same Binance code paths against the Binance stand-in, started by the
 * launcher on localhost with keys of its own: nothing leaves the machine.</li>
 * </ul>
 */
public enum TradingVenue {

    PAPER("paper", null, null, false),
    BINANCE_TESTNET("binance-testnet", "https://demo-fapi.binance.com", "wss://fstream.binancefuture.com", true),
    BINANCE_MAINNET("binance-mainnet", "https://fapi.binance.com", "wss://fstream.binance.com", true),
    BINANCE_STAND_IN("binance-stand-in", null, null, false);

    /** The environment variables of the key and secret: the same names the services themselves read. */
    public static final String API_KEY_ENV = "POSITRACK_BINANCE_API_KEY";
    public static final String SECRET_KEY_ENV = "POSITRACK_BINANCE_SECRET_KEY";

    private final String option;
    private final String restBaseUrl;
    private final String websocketBaseUrl;
    private final boolean needsKeys;

    TradingVenue(String option, String restBaseUrl, String websocketBaseUrl, boolean needsKeys) {
        this.option = option;
        this.restBaseUrl = restBaseUrl;
        this.websocketBaseUrl = websocketBaseUrl;
        this.needsKeys = needsKeys;
    }

    public String option() {
        return option;
    }

    public boolean isBinance() {
        return this != PAPER;
    }

    /** Whether the venue's keys must come from the environment (the stand-in brings its own). */
    public boolean needsKeys() {
        return needsKeys;
    }

    /** The REST base URL of a real Binance venue; empty for the paper venue and the stand-in (its URL is known once it runs). */
    public Optional<String> restBaseUrl() {
        return Optional.ofNullable(restBaseUrl);
    }

    public Optional<String> websocketBaseUrl() {
        return Optional.ofNullable(websocketBaseUrl);
    }

    /** The symbol the chat talks about: Binance lists no XAUUSD future, so a Binance run watches BTCUSDT. */
    public String symbol() {
        return isBinance() ? ServiceConfigs.BINANCE_SYMBOL : ServiceConfigs.SYMBOL;
    }

    /** Whether the scripted demo can run here: only where the demo drives the market itself. */
    public boolean scriptable() {
        return this == PAPER || this == BINANCE_STAND_IN;
    }

    /** What the launcher prints about where it trades: the venue, the endpoint and the account, never a key. */
    public String describe(String account, String standInUrl) {
        return switch (this) {
            case PAPER -> "paper venue (simulated fills, no exchange), account " + account;
            case BINANCE_TESTNET -> "Binance USDⓈ-M futures TESTNET at " + restBaseUrl + ", account " + account + " (test funds)";
            case BINANCE_MAINNET -> "Binance USDⓈ-M futures MAINNET at " + restBaseUrl + ", account " + account
                    + " — REAL MONEY: every entry is a real order";
            case BINANCE_STAND_IN -> "Binance USDⓈ-M futures stand-in at " + standInUrl + " (local, no exchange), account " + account;
        };
    }

    public static TradingVenue parse(String value) {
        String wanted = value.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(v -> v.option.equals(wanted)).findFirst()
                .orElseThrow(() -> new LaunchOptions.Invalid("--venue " + value + " is not a venue; choose one of " + names()));
    }

    static String names() {
        return Arrays.stream(values()).map(TradingVenue::option).collect(Collectors.joining(", "));
    }

    /** The key and secret of a real Binance venue, from the environment; refused when either is missing. */
    public Optional<BinanceKeys> keys(Map<String, String> env) {
        if (!needsKeys) {
            return Optional.empty();
        }
        String key = env.get(API_KEY_ENV);
        String secret = env.get(SECRET_KEY_ENV);
        if (key == null || key.isBlank() || secret == null || secret.isBlank()) {
            throw new LaunchOptions.Invalid("--venue " + option + " trades with your Binance keys: set " + API_KEY_ENV + " and "
                    + SECRET_KEY_ENV + " in the environment (for testnet, keys made at https://testnet.binancefuture.com). "
                    + "Nothing was started.");
        }
        return Optional.of(new BinanceKeys(key.trim(), secret.trim()));
    }

    /** A Binance key and secret; both are secrets and never printed. */
    public record BinanceKeys(String apiKey, String secretKey) {
        @Override
        public String toString() {
            return "BinanceKeys[***]";
        }
    }
}
