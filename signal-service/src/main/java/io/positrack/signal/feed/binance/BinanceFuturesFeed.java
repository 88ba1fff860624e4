package io.positrack.signal.feed.binance;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
import io.positrack.contracts.market.MarketTick;
import io.positrack.runtime.rules.OutsideClock;
import io.positrack.signal.config.Instruments;
import io.positrack.signal.config.SignalConfig;
import io.positrack.signal.feed.MarketFeed;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.WebSocket;
import io.vertx.mutiny.core.http.WebSocketClient;

/**
 * Live prices from Binance USDⓈ-M futures: one combined stream connection
 * ({@code <websocket-base-url>/stream?streams=btcusdt@bookTicker/ethusdt@bookTicker}) whose frames become ticks
 * (bid, ask, their middle as last, the event time {@code E} as venue time).
 * <ul>
 * <li>Every frame is hostile input ({@link BookTickerFrames}); its event time must pass our clock bounds
 * ({@link OutsideClock}); a frame whose update id is not above the symbol's last one (duplicated or reordered) or
 * whose time is before the symbol's last one is dropped: time never moves backwards. Dropped frames are counted in
 * {@code positrack.signal.feed.binance.frames{outcome}} and never stop the feed.</li>
 * <li>A closed connection, a failed connect, or a connection silent for {@code silence-timeout} is replaced after a
 * jittered, capped {@link Backoff}; a connection is replaced on our terms after {@code reconnect-after} (Binance closes
 * it at 24 h). Binance's pings are answered with pongs by Vert.x; we ping too, so a half-open TCP connection shows as
 * silence.</li>
 * </ul>
 */
@ApplicationScoped
public class BinanceFuturesFeed implements MarketFeed {

    private final SignalConfig.Binance config;
    private final Instruments instruments;
    private final OutsideClock clock;
    private final MeterRegistry registry;
    private final Vertx vertx;
    private final Map<String, Long> lastUpdateId = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastTime = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastFrameAt = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    /** Ticks emitted and not yet taken by the publisher. */
    private final AtomicLong buffered = new AtomicLong();
    static final long MAX_BUFFERED = 10_000;
    private volatile WebSocketClient client;
    private volatile WebSocket socket;
    private volatile Instant lastMessageAt;
    private volatile boolean stopped;
    private volatile long silenceTimer = -1;
    private volatile long pingTimer = -1;
    private volatile long renewTimer = -1;
    private final Backoff backoff;

    public BinanceFuturesFeed(SignalConfig config, Instruments instruments, OutsideClock clock, MeterRegistry registry, Vertx vertx) {
        this.config = config.feed().binance();
        this.instruments = instruments;
        this.clock = clock;
        this.registry = registry;
        this.vertx = vertx;
        this.backoff = new Backoff(this.config.reconnectBackoff(), this.config.reconnectBackoffMax(),
                () -> ThreadLocalRandom.current().nextDouble());
    }

    @Override
    public String name() {
        return "binance";
    }

    @Override
    public boolean enabled() {
        return config.enabled();
    }

    /** The Binance symbols streamed. */
    public List<String> symbols() {
        return config.symbols().map(Instruments::split).orElse(instruments.symbols());
    }

    /** True while a connection is open. */
    public boolean connected() {
        WebSocket s = socket;
        return s != null && !s.isClosed();
    }

    /** When the connection last delivered anything; empty before the first frame. */
    public Optional<Instant> lastMessageAt() {
        return Optional.ofNullable(lastMessageAt);
    }

    /** When a symbol's last accepted frame arrived (our clock). */
    public Optional<Instant> lastFrameAt(String symbol) {
        return Optional.ofNullable(lastFrameAt.get(symbol));
    }

    @Override
    public Multi<MarketTick> ticks() {
        registry.gauge("positrack.signal.feed.binance.connected", this, f -> f.connected() ? 1 : 0);
        return Multi.createFrom().<MarketTick>emitter(emitter -> {
            stopped = false;
            emitter.onTermination(this::stop);
            connect(emitter, "startup");
        })
                // Publishing is acknowledged tick by tick; a burst waits in the emitter's buffer, which onFrame keeps
                // at most MAX_BUFFERED ticks long (beyond, frames are dropped and counted): a slow broker cannot make
                // ticks pile up without bound, and a burst of frames is not lost.
                .onItem().invoke(tick -> buffered.decrementAndGet());
    }

    /** The combined stream path for the configured symbols. */
    String streamPath() {
        URI base = URI.create(config.websocketBaseUrl());
        String prefix = base.getPath() == null ? "" : base.getPath().replaceAll("/+$", "");
        return prefix + "/stream?streams=" + symbols().stream().map(s -> s.toLowerCase(Locale.ROOT) + "@bookTicker")
                .collect(Collectors.joining("/"));
    }

    private void connect(MultiEmitter<? super MarketTick> emitter, String why) {
        if (stopped) {
            return;
        }
        long gen = generation.incrementAndGet();
        cancelTimers();
        WebSocket old = socket;
        socket = null;
        if (old != null && !old.isClosed()) {
            old.closeAndForget();
        }
        URI base = URI.create(config.websocketBaseUrl());
        boolean ssl = "wss".equalsIgnoreCase(base.getScheme());
        int port = base.getPort() > 0 ? base.getPort() : ssl ? 443 : 80;
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost(base.getHost()).setPort(port).setSsl(ssl)
                .setURI(streamPath()).setTimeout(10_000);
        client().connect(options).subscribe().with(ws -> connected(emitter, gen, ws, why), e -> {
            Duration wait = backoff.next();
            registry.counter("positrack.signal.feed.binance.connect_failures").increment();
            Log.warnf("Binance market stream: connecting (%s) failed: %s; retrying in %d ms", why, e.getMessage(), wait.toMillis());
            later(emitter, gen, wait, why);
        });
    }

    private void connected(MultiEmitter<? super MarketTick> emitter, long gen, WebSocket ws, String why) {
        if (gen != generation.get() || stopped) {
            ws.closeAndForget();
            return;
        }
        socket = ws;
        lastMessageAt = Instant.now();
        registry.counter("positrack.signal.feed.binance.connections", "why", reason(why)).increment();
        Log.infof("Binance market stream connected (%s): %s", why, symbols());
        ws.textMessageHandler(text -> onFrame(emitter, gen, text));
        ws.pongHandler(pong -> touch(gen));
        ws.closeHandler(() -> lost(emitter, gen, "connection closed"));
        ws.exceptionHandler(e -> Log.debugf("Binance market stream error: %s", e.toString()));
        long silence = config.silenceTimeout().toMillis();
        silenceTimer = vertx.setPeriodic(Math.max(100, silence / 4), id -> {
            Instant last = lastMessageAt;
            if (gen == generation.get() && last != null && Duration.between(last, Instant.now()).toMillis() > silence) {
                lost(emitter, gen, "silent for " + config.silenceTimeout().toSeconds() + " s");
            }
        });
        pingTimer = vertx.setPeriodic(config.pingInterval().toMillis(), id -> {
            WebSocket s = socket;
            if (gen == generation.get() && s != null && !s.isClosed()) {
                s.writePing(io.vertx.mutiny.core.buffer.Buffer.newInstance(Buffer.buffer("positrack"))).subscribe().with(ok -> {
                }, e -> Log.debugf("Binance market stream ping failed: %s", e.toString()));
            }
        });
        renewTimer = vertx.setTimer(config.reconnectAfter().toMillis(), id -> {
            if (gen == generation.get()) {
                connect(emitter, "scheduled reconnect before Binance's 24 h limit");
            }
        });
    }

    private void touch(long gen) {
        if (gen == generation.get()) {
            lastMessageAt = Instant.now();
        }
    }

    void onFrame(MultiEmitter<? super MarketTick> emitter, long gen, String text) {
        if (gen != generation.get()) {
            return;
        }
        lastMessageAt = Instant.now();
        // The first frame after a connect means the connection works: the next loss waits the initial step again.
        backoff.reset();
        Optional<MarketTick> tick = accept(text);
        if (tick.isPresent()) {
            if (buffered.incrementAndGet() > MAX_BUFFERED) {
                buffered.decrementAndGet();
                count("dropped_backpressure");
                return;
            }
            emitter.emit(tick.get());
        }
    }

    /** The tick a frame gives, or empty (counted) when the frame is refused, a control answer, or not newer. */
    Optional<MarketTick> accept(String text) {
        BookTickerFrames.Frame frame = BookTickerFrames.parse(text);
        if (!frame.isTick()) {
            if (frame.problem() != null) {
                count("malformed");
                Log.debugf("Binance market stream: frame dropped (%s)", frame.problem());
            } else {
                count("control");
            }
            return Optional.empty();
        }
        MarketTick tick = frame.tick();
        if (!clock.eventTime(OutsideClock.Source.MARKET, "event time", tick.venueTime()).isEmpty()) {
            count("out_of_bounds");
            return Optional.empty();
        }
        String symbol = tick.symbol();
        synchronized (this) {
            Long lastId = lastUpdateId.get(symbol);
            Instant lastAt = lastTime.get(symbol);
            if ((lastId != null && frame.updateId() <= lastId) || (lastAt != null && tick.venueTime().isBefore(lastAt))) {
                count("not_newer");
                return Optional.empty();
            }
            lastUpdateId.put(symbol, frame.updateId());
            lastTime.put(symbol, tick.venueTime());
        }
        lastFrameAt.put(symbol, Instant.now());
        count("accepted");
        return Optional.of(tick);
    }

    private void lost(MultiEmitter<? super MarketTick> emitter, long gen, String why) {
        if (gen != generation.get() || stopped) {
            return;
        }
        registry.counter("positrack.signal.feed.binance.disconnects").increment();
        Duration wait = backoff.next();
        Log.warnf("Binance market stream lost (%s); reconnecting in %d ms", why, wait.toMillis());
        WebSocket s = socket;
        socket = null;
        cancelTimers();
        if (s != null && !s.isClosed()) {
            s.closeAndForget();
        }
        later(emitter, gen, wait, "reconnect after: " + why);
    }

    private void later(MultiEmitter<? super MarketTick> emitter, long gen, Duration wait, String why) {
        renewTimer = vertx.setTimer(Math.max(1, wait.toMillis()), id -> {
            if (gen == generation.get()) {
                connect(emitter, why);
            }
        });
    }

    private void stop() {
        stopped = true;
        generation.incrementAndGet();
        cancelTimers();
        WebSocket s = socket;
        socket = null;
        if (s != null && !s.isClosed()) {
            s.closeAndForget();
        }
    }

    private void count(String outcome) {
        registry.counter("positrack.signal.feed.binance.frames", "outcome", outcome).increment();
    }

    /** A low-cardinality tag for why a connection was made. */
    private static String reason(String why) {
        return why.startsWith("startup") ? "startup" : why.startsWith("scheduled") ? "scheduled" : "reconnect";
    }

    private WebSocketClient client() {
        if (client == null) {
            synchronized (this) {
                if (client == null) {
                    client = vertx.createWebSocketClient(new WebSocketClientOptions().setConnectTimeout(10_000).setVerifyHost(true)
                            .setMaxFrameSize(65_536).setMaxMessageSize(65_536));
                }
            }
        }
        return client;
    }

    private void cancelTimers() {
        for (long timer : new long[] { silenceTimer, pingTimer, renewTimer }) {
            if (timer >= 0) {
                vertx.cancelTimer(timer);
            }
        }
        silenceTimer = -1;
        pingTimer = -1;
        renewTimer = -1;
    }
}
