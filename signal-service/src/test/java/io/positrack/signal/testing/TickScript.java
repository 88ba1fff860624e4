package io.positrack.signal.testing;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.Consumer;

import io.positrack.contracts.market.MarketTick;
import io.positrack.signal.strategy.Bar;
import io.positrack.signal.strategy.EmaRsiAtrStrategy;
import io.positrack.signal.strategy.PriceSeries;
import io.positrack.signal.strategy.Signal;
import io.positrack.signal.strategy.StrategyParameters;

/**
 * Publishes a crafted tick series for one symbol, one tick per bar, and keeps a mirror of the bars the
 * service builds from it, evaluated with the same strategy and parameters: so a test knows which signal
 * the service must now hold (its id, side and stops) without any backdoor into the service.
 *
 * <p>A bar completes when the next tick arrives, in the service as here: the signal of a bar is known
 * once the following tick is published.
 */
public final class TickScript {

    /** The parameters the tests configure for their symbols (application.properties %test, and the IT). */
    public static final StrategyParameters TEST_STRATEGY = new StrategyParameters(3, 6, 6, new BigDecimal("80"), new BigDecimal("20"),
            4, BigDecimal.ONE, new BigDecimal("2"), 2, Duration.ofHours(1));
    public static final Duration BAR = Duration.ofSeconds(1);
    public static final BigDecimal SPREAD = new BigDecimal("0.02");

    private static final double[] V_SHAPE = { 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 99, 98, 97, 96, 96.5, 97.5, 98.5 };

    private final String symbol;
    private final Consumer<MarketTick> sender;
    private final EmaRsiAtrStrategy strategy;
    private final PriceSeries mirror;
    private Instant next;
    private Instant pendingStart;
    private BigDecimal pending;
    private Signal latest;
    private int direction = 1;
    private int leg;

    public TickScript(String symbol, Consumer<MarketTick> sender) {
        this.symbol = symbol;
        this.sender = sender;
        this.strategy = new EmaRsiAtrStrategy(TEST_STRATEGY);
        this.mirror = new PriceSeries(symbol, 500);
        // Bars an hour ago: every signal is well inside its one-hour validity when the test asks for it.
        this.next = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
    }

    public String symbol() {
        return symbol;
    }

    /** Publishes one tick (bid = price, ask = price + spread) as the next bar; returns the signal the previous bar produced. */
    public Optional<Signal> tick(BigDecimal price) {
        Optional<Signal> produced = Optional.empty();
        if (pending != null) {
            mirror.add(new Bar(symbol, pendingStart, pendingStart.plus(BAR), pending, pending, pending, pending, 1));
            produced = strategy.evaluateLast(mirror.bars());
            produced.ifPresent(s -> latest = s);
        }
        sender.accept(new MarketTick(symbol, price, price.add(SPREAD), price, next));
        pending = price;
        pendingStart = next;
        next = next.plus(BAR);
        return produced;
    }

    public Optional<Signal> tick(String price) {
        return tick(new BigDecimal(price));
    }

    /** A flat market, a fall and a recovery: the first signal of a fresh symbol (a BUY). */
    public Signal firstSignal() {
        if (pending != null) {
            throw new IllegalStateException("firstSignal() is for a symbol that never ticked");
        }
        for (double close : V_SHAPE) {
            tick(BigDecimal.valueOf(close));
        }
        return tick(new BigDecimal("99.5")).orElseThrow(() -> new IllegalStateException("the V shape gave no signal"));
    }

    /** Zig-zags from the last price (three bars each way, steps of 1) until the strategy gives a new signal. */
    public Signal nextSignal() {
        String before = latest == null ? null : latest.signalId();
        BigDecimal price = pending;
        for (int i = 0; i < 60; i++) {
            if (leg++ % 3 == 0) {
                direction = -direction;
            }
            price = price.add(BigDecimal.valueOf(direction));
            Optional<Signal> produced = tick(price);
            if (produced.isPresent() && !produced.get().signalId().equals(before)) {
                return produced.get();
            }
        }
        throw new IllegalStateException(symbol + ": no new signal after 60 bars");
    }

    /** The signal the service must hold as this symbol's latest. */
    public Signal latest() {
        return latest;
    }

    /** The price of the last tick published. */
    public BigDecimal lastPrice() {
        return pending;
    }
}
