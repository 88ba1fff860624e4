package io.positrack.signal.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Typed configuration of signal-service ({@code positrack.signal.*}). */
@ConfigMapping(prefix = "positrack.signal")
public interface SignalConfig {

    /**
     * The symbol watched when {@link #symbols()} is empty. signal-service does not put it into a command
     * that names no symbol: such a command arrived keyed by account, outside the symbol's ordered stream,
     * so filling in a symbol here would let it overtake that symbol's earlier commands. The gateway fills
     * it in before it keys the command.
     */
    @WithDefault("XAUUSD")
    String defaultSymbol();

    /** Venue that position commands are addressed to. */
    @WithDefault("paper")
    String venue();

    /** Comma-separated symbols the strategy watches; empty means the default symbol only. */
    Optional<String> symbols();

    /** What a well-formed symbol looks like (the same rule position-service applies). */
    @WithDefault("^[A-Z0-9]{2,20}([-_/][A-Z0-9]{2,10})?$")
    String symbolPattern();

    /** Parameters of every watched symbol, unless {@link #instruments()} overrides them. */
    InstrumentDefaults instrumentDefaults();

    /** Per-symbol overrides of {@link #instrumentDefaults()}, keyed by symbol. */
    Map<String, InstrumentOverrides> instruments();

    Sessions sessions();

    Feed feed();

    Staleness staleness();

    /**
     * Sources of outside alerts (TradingView, a trader's own bot), by the name in their webhook path
     * ({@code POST /alerts/<name>}); none by default, so the webhook accepts nothing until one is configured.
     */
    Map<String, io.positrack.signal.intake.IntakeSource> intake();

    /** The parameters of one symbol, all with defaults. */
    interface InstrumentDefaults {
        /** Quantity of the position a signal opens. */
        @WithDefault("1")
        BigDecimal quantity();

        /** Length of the bars the strategy reads, built from ticks (at least 1 s). */
        @WithDefault("1m")
        Duration barDuration();

        @WithDefault("9")
        int fastEma();

        @WithDefault("21")
        int slowEma();

        @WithDefault("14")
        int rsiPeriod();

        /** A BUY crossover counts only while RSI is at most this (not overbought). */
        @WithDefault("70")
        BigDecimal rsiBuyMax();

        /** A SELL crossover counts only while RSI is at least this (not oversold). */
        @WithDefault("30")
        BigDecimal rsiSellMin();

        @WithDefault("14")
        int atrPeriod();

        /** Stop loss distance from the entry, in ATRs. */
        @WithDefault("1.5")
        BigDecimal stopLossAtr();

        /** Take profit distance from the entry, in ATRs. */
        @WithDefault("3")
        BigDecimal takeProfitAtr();

        /** Decimals of the symbol's prices; stops are rounded to it. */
        @WithDefault("2")
        int priceScale();

        /** How long after its bar closed a signal can still be opened by {@code /getsignal}. */
        @WithDefault("15m")
        Duration signalValidity();

        /** How long a session's entry may stay unfilled before signal-service sends ExpirePending. */
        @WithDefault("5m")
        Duration entryTimeout();

        /** Bars kept (in memory and reloaded from the database) per symbol. */
        @WithDefault("500")
        int maxBars();

        Simulation simulation();
    }

    /** Overrides for one symbol; anything left out comes from {@link InstrumentDefaults}. */
    interface InstrumentOverrides {
        Optional<BigDecimal> quantity();

        Optional<Duration> barDuration();

        Optional<Integer> fastEma();

        Optional<Integer> slowEma();

        Optional<Integer> rsiPeriod();

        Optional<BigDecimal> rsiBuyMax();

        Optional<BigDecimal> rsiSellMin();

        Optional<Integer> atrPeriod();

        Optional<BigDecimal> stopLossAtr();

        Optional<BigDecimal> takeProfitAtr();

        Optional<Integer> priceScale();

        Optional<Duration> signalValidity();

        Optional<Duration> entryTimeout();

        Optional<Integer> maxBars();

        Optional<BigDecimal> startPrice();

        Optional<Double> annualVolatility();

        Optional<BigDecimal> spread();
    }

    /** How the simulated feed moves one symbol's price. */
    interface Simulation {
        @WithDefault("100")
        BigDecimal startPrice();

        /** Annualised volatility of the random walk (0.15 is about gold's). */
        @WithDefault("0.15")
        double annualVolatility();

        /** Ask minus bid. */
        @WithDefault("0.02")
        BigDecimal spread();
    }

    interface Sessions {
        /** How often the scheduler looks for sessions whose entry did not fill in time. */
        @WithDefault("5s")
        Duration expiryCheckInterval();
    }

    interface Feed {
        Simulated simulated();

        Csv csv();

        Binance binance();
    }

    /**
     * When a symbol's market data is too old to open a position on ({@code positrack.signal.staleness.*}): whatever feed
     * produced the ticks, a symbol whose newest tick on {@code market-ticks} is older than {@link #maxAge()} is stale.
     */
    interface Staleness {
        /** Off, no entry is refused for old data (exits never are); the stop-or-target-already-reached check stays. */
        @WithDefault("true")
        boolean enabled();

        /** A symbol whose newest tick is older than this is stale; a symbol that never ticked, this long after start. */
        @WithDefault("2m")
        Duration maxAge();

        /** How often the symbols are looked at for the alert and the metrics. */
        @WithDefault("5s")
        Duration checkInterval();

        /** The account the MARKET_DATA_STALE alert is addressed to (the gateway tells that account's subscribed chats). */
        @WithDefault("operator")
        String alertAccount();
    }

    /**
     * The Binance USDⓈ-M futures public market streams: {@code <symbol>@bookTicker} of every symbol on one combined
     * stream connection ({@code <websocket-base-url>/stream?streams=...}). Off by default.
     */
    interface Binance {
        @WithDefault("false")
        boolean enabled();

        /** Mainnet {@code wss://fstream.binance.com}, testnet {@code wss://fstream.binancefuture.com}, or the stand-in. */
        @WithDefault("wss://fstream.binance.com")
        String websocketBaseUrl();

        /** Comma-separated Binance symbols to stream; empty means every watched symbol. */
        Optional<String> symbols();

        /** First wait after a lost connection; doubled per failed attempt, jittered. */
        @WithDefault("1s")
        Duration reconnectBackoff();

        @WithDefault("60s")
        Duration reconnectBackoffMax();

        /** Binance closes a connection after 24 h: reconnect before, on our terms. */
        @WithDefault("23h")
        Duration reconnectAfter();

        /** A connection that delivers no frame for this long is taken as dead and replaced. */
        @WithDefault("30s")
        Duration silenceTimeout();

        /** How often we ping the server (Binance pings us every 3 minutes and we answer with a pong, too). */
        @WithDefault("60s")
        Duration pingInterval();
    }

    /** The seeded random-walk feed: for the local run and tests, never on by default. */
    interface Simulated {
        @WithDefault("false")
        boolean enabled();

        /** Same seed, same price path per symbol. */
        @WithDefault("20261121")
        long seed();

        /** Time between two ticks of a symbol. */
        @WithDefault("1s")
        Duration interval();

        /** Comma-separated symbols to simulate; empty means every watched symbol. */
        Optional<String> symbols();
    }

    /** Replays a CSV file of ticks ({@code timestamp,symbol,bid,ask}) or bars ({@code timestamp,symbol,open,high,low,close}). */
    interface Csv {
        @WithDefault("false")
        boolean enabled();

        Optional<String> path();

        /** Replay speed: 1 is the file's own pace, 60 a minute per second, 0 as fast as possible. */
        @WithDefault("1")
        double speed();

        /**
         * Shift the file's timestamps so its first row happens now. Signals expire on the wall clock, so
         * a replay of old history would otherwise produce only signals that expired long ago.
         */
        @WithDefault("true")
        boolean rebaseTime();

        /** Length of one OHLC row, used to spread its four prices over the bar; defaults to the symbol's bar duration. */
        Optional<Duration> barDuration();
    }
}
