package io.positrack.position.venue.binance;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.positrack.contracts.venue.ClientOrderId;
import io.positrack.contracts.venue.FundingPayment;
import io.positrack.contracts.venue.OrderStatus;
import io.positrack.contracts.venue.OrderUpdate;
import io.positrack.contracts.venue.VenuePositionReport;
import io.positrack.position.venue.StreamGapLookups;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.WebSocket;
import io.vertx.mutiny.core.http.WebSocketClient;

/**
 * The Binance user data stream, fed to {@code venue-events}: a listen key ({@code POST /fapi/v1/listenKey}), a
 * WebSocket at {@code <websocket-base-url>/ws/<listenKey>}, a keep-alive ({@code PUT}) every
 * {@code keep-alive-interval}, a fresh connection after {@code reconnect-after} (Binance cuts at 24 hours), and a
 * new key and connection whenever the key expires ({@code listenKeyExpired}, -1125) or the connection drops.
 *
 * <p>Events missed while reconnecting are not replayed: the gap is logged and counted
 * ({@code positrack.binance.stream.gaps}), and once the new connection is open every order the gap could have touched
 * is looked up and its state applied ({@link StreamGapLookups}): a stop loss filled meanwhile closes its position as a
 * stop loss, with its price. The first connection after start counts as the end of a gap too (the service heard
 * nothing while it was not running). The intent sweeper and reconciliation remain behind it for lookups that fail. Every replica may run a stream: the same event published twice
 * is applied once ({@code venue-events} consumers dedupe order updates by id, status and trade, reports by id).
 *
 * <p>{@code ORDER_TRADE_UPDATE} and {@code ALGO_UPDATE} become {@link OrderUpdate}s (only for Positrack's client
 * order ids; others are counted and dropped; a filled conditional order's trades, listed by
 * {@link ConditionalFillTrades}, go before its fill), {@code ACCOUNT_UPDATE} one {@link VenuePositionReport} per position,
 * and, when its reason is {@code FUNDING_FEE}, the funding payments read from the income history, all keyed by symbol. Does nothing when the venue is disabled.
 */
@ApplicationScoped
public class UserDataStream {

    public static final String CHANNEL = "binance-venue-events";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How far back before a funding event the income history is read. */
    static final Duration FUNDING_LOOKBACK = Duration.ofHours(1);

    private final Vertx vertx;
    private final BinanceHttp http;
    private final BinanceConfig config;
    private final MutinyEmitter<Object> events;
    private final MeterRegistry registry;
    private final StreamGapLookups gapLookups;
    private final ConditionalFillTrades conditionalFills;
    /** Each connection's generation: handlers of a replaced connection do nothing. */
    private final AtomicLong generation = new AtomicLong();
    private volatile WebSocketClient client;
    private volatile WebSocket socket;
    private volatile boolean stopped;
    private volatile Instant connectedAt;
    private volatile Instant lostAt;
    private volatile long keepAliveTimer = -1;
    private volatile long reconnectTimer = -1;
    private volatile Duration backoff;

    public UserDataStream(Vertx vertx, BinanceHttp http, BinanceConfig config, @Channel(CHANNEL) MutinyEmitter<Object> events,
            MeterRegistry registry, StreamGapLookups gapLookups, ConditionalFillTrades conditionalFills) {
        this.gapLookups = gapLookups;
        this.conditionalFills = conditionalFills;
        this.vertx = vertx;
        this.http = http;
        this.config = config;
        this.events = events;
        this.registry = registry;
        this.backoff = config.reconnectBackoff();
    }

    void start(@Observes StartupEvent startup) {
        if (!config.enabled()) {
            return;
        }
        if (config.apiKey().isEmpty() || config.secretKey().isEmpty()) {
            Log.error("positrack.binance.enabled=true but the API key or secret key is not set: no user data stream");
            return;
        }
        registry.gauge("positrack.binance.stream.connected", this, s -> s.socket != null && !s.socket.isClosed() ? 1 : 0);
        connect("startup");
    }

    void stop(@Observes ShutdownEvent shutdown) {
        stopped = true;
        cancelTimers();
        WebSocket s = socket;
        if (s != null && !s.isClosed()) {
            s.closeAndForget();
        }
    }

    /** True while a connection is open (for tests and health). */
    public boolean connected() {
        WebSocket s = socket;
        return s != null && !s.isClosed();
    }

    private void connect(String why) {
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
        http.keyed(HttpMethod.POST, "/fapi/v1/listenKey", 1)
                .map(r -> {
                    if (!r.ok()) {
                        throw new BinanceException(r, "listen key");
                    }
                    return BinanceMessages.listenKey(r.json());
                })
                .flatMap(key -> client().connect(connectOptions(key)))
                .subscribe().with(ws -> connected(gen, ws, why), e -> {
                    Log.warnf("Binance user data stream: connecting (%s) failed: %s; retrying in %s", why, e.getMessage(), backoff);
                    retryLater(gen, why);
                });
    }

    private void connected(long gen, WebSocket ws, String why) {
        if (gen != generation.get() || stopped) {
            ws.closeAndForget();
            return;
        }
        socket = ws;
        connectedAt = Instant.now();
        backoff = config.reconnectBackoff();
        registry.counter("positrack.binance.stream.connections", "why", why).increment();
        if (lostAt != null) {
            Log.warnf("Binance user data stream reconnected after a gap of %d ms (%s): events of that gap are not replayed; "
                    + "the orders they could have touched are looked up", Duration.between(lostAt, connectedAt).toMillis(), why);
            lostAt = null;
        } else {
            Log.infof("Binance user data stream connected (%s); looking up the orders of open positions", why);
        }
        ws.textMessageHandler(text -> onMessage(gen, text));
        // After the handler is set: an event that arrives while the lookups run is applied either way (once, by the inbox).
        gapLookups.afterGap(BinanceVenue.NAME, config.account());
        ws.closeHandler(() -> lost(gen, "connection closed"));
        ws.exceptionHandler(e -> Log.debugf("Binance user data stream error: %s", e.toString()));
        keepAliveTimer = vertx.setPeriodic(config.keepAliveInterval().toMillis(), id -> keepAlive(gen));
        reconnectTimer = vertx.setTimer(config.reconnectAfter().toMillis(), id -> {
            if (gen == generation.get()) {
                connect("scheduled reconnect before Binance's 24 h limit");
            }
        });
    }

    private void keepAlive(long gen) {
        http.keyed(HttpMethod.PUT, "/fapi/v1/listenKey", 1).subscribe().with(r -> {
            if (r.hasCode(-1125)) {
                lost(gen, "listen key no longer exists (-1125)");
            } else if (!r.ok()) {
                Log.warnf("Binance listen key keep-alive failed: %s", r.describe());
            }
        }, e -> Log.warnf("Binance listen key keep-alive failed: %s", e.getMessage()));
    }

    private void lost(long gen, String why) {
        if (gen != generation.get() || stopped) {
            return;
        }
        if (lostAt == null) {
            lostAt = Instant.now();
        }
        registry.counter("positrack.binance.stream.gaps").increment();
        Log.warnf("Binance user data stream lost (%s): reconnecting with a new listen key; events until then may be missed", why);
        connect(why);
    }

    private void retryLater(long gen, String why) {
        if (lostAt == null) {
            lostAt = Instant.now();
        }
        Duration wait = backoff;
        backoff = backoff.multipliedBy(2).compareTo(config.reconnectBackoffMax()) > 0 ? config.reconnectBackoffMax() : backoff.multipliedBy(2);
        reconnectTimer = vertx.setTimer(wait.toMillis(), id -> {
            if (gen == generation.get()) {
                connect(why);
            }
        });
    }

    void onMessage(long gen, String text) {
        if (gen != generation.get()) {
            return;
        }
        JsonNode event;
        try {
            event = JSON.readTree(text);
        } catch (Exception e) {
            drop("unreadable");
            return;
        }
        String type = event.path("e").asText("");
        registry.counter("positrack.binance.stream.events", "event", type.isEmpty() ? "none" : type).increment();
        try {
            switch (type) {
                case "ORDER_TRADE_UPDATE" -> publishOrder(BinanceMessages.orderTradeUpdate(event, config.account(), BinanceVenue.NAME));
                case "ALGO_UPDATE" -> BinanceMessages.algoUpdate(event, config.account(), BinanceVenue.NAME).ifPresentOrElse(this::publishAlgoOrder,
                        () -> drop("algo_in_progress"));
                case "ACCOUNT_UPDATE" -> {
                    BinanceMessages.accountUpdate(event, config.account(), BinanceVenue.NAME).forEach(this::publishReport);
                    if (BinanceMessages.isFunding(event)) {
                        fundingPayments(event.path("T").asLong());
                    }
                }
                case "listenKeyExpired" -> lost(gen, "listen key expired");
                default -> drop("not_used");
            }
        } catch (RuntimeException e) {
            Log.warnf("Binance user data stream: %s event not understood (%s); dropped", type, e.getMessage());
            drop("not_understood");
        }
    }

    private void publishOrder(OrderUpdate update) {
        if (ClientOrderId.parse(update.clientOrderId()).isEmpty()) {
            // Orders placed outside Positrack (by hand, liquidation, a conditional order's matching-engine order):
            // their effect on positions comes through ACCOUNT_UPDATE and reconciliation.
            drop("foreign_order");
            return;
        }
        send(update.symbol(), update);
    }

    /**
     * A conditional order's update. Its fill carries no commission: {@link ConditionalFillTrades} lists the trades of the
     * matching-engine order it names and publishes them before the fill (the fill waits 2 s for them at most).
     */
    private void publishAlgoOrder(OrderUpdate update) {
        if (update.status() == OrderStatus.FILLED && ClientOrderId.parse(update.clientOrderId()).isPresent()) {
            conditionalFills.publish(update, u -> send(u.symbol(), u));
            return;
        }
        publishOrder(update);
    }

    /**
     * Funding was booked at {@code at}: the payments of that funding time, from Get Income History (weight 30), each
     * published as a {@link FundingPayment}. The window reaches back an hour so that a payment whose event came late or
     * twice is still found; payments found twice are applied once (by their tranId). A failed lookup is logged and
     * counted: the payment is then missing from the position's funding until the next funding event's lookup finds it.
     */
    private void fundingPayments(long at) {
        List<Map.Entry<String, String>> params = List.of(Map.entry("incomeType", "FUNDING_FEE"),
                Map.entry("startTime", Long.toString(at - FUNDING_LOOKBACK.toMillis())), Map.entry("endTime", Long.toString(at + 1_000)),
                Map.entry("limit", "1000"));
        http.signed(HttpMethod.GET, "/fapi/v1/income", params, 30)
                .map(r -> {
                    if (!r.ok()) {
                        throw new BinanceException(r, "income history");
                    }
                    return BinanceMessages.fundingIncome(r.json(), config.account(), BinanceVenue.NAME);
                })
                .subscribe().with(payments -> payments.forEach(p -> send(p.symbol(), p)), e -> {
                    registry.counter("positrack.binance.funding.lookups_failed").increment();
                    Log.warnf("Binance funding at %d: the income history could not be read (%s)", at, e.getMessage());
                });
    }

    private void publishReport(VenuePositionReport report) {
        send(report.symbol(), report);
    }

    private void send(String symbol, Object payload) {
        events.sendMessageAndForget(Message.of(payload).addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(symbol).build()));
    }

    private void drop(String reason) {
        registry.counter("positrack.binance.stream.dropped", "reason", reason).increment();
    }

    private WebSocketConnectOptions connectOptions(String listenKey) {
        URI base = URI.create(config.websocketBaseUrl());
        boolean ssl = "wss".equalsIgnoreCase(base.getScheme());
        int port = base.getPort() > 0 ? base.getPort() : ssl ? 443 : 80;
        String prefix = base.getPath() == null ? "" : base.getPath().replaceAll("/+$", "");
        return new WebSocketConnectOptions().setHost(base.getHost()).setPort(port).setSsl(ssl).setURI(prefix + "/ws/" + listenKey)
                .setTimeout(config.connectTimeout().toMillis());
    }

    private WebSocketClient client() {
        if (client == null) {
            synchronized (this) {
                if (client == null) {
                    client = vertx.createWebSocketClient(new WebSocketClientOptions().setConnectTimeout((int) config.connectTimeout().toMillis())
                            .setVerifyHost(true));
                }
            }
        }
        return client;
    }

    private void cancelTimers() {
        if (keepAliveTimer >= 0) {
            vertx.cancelTimer(keepAliveTimer);
            keepAliveTimer = -1;
        }
        if (reconnectTimer >= 0) {
            vertx.cancelTimer(reconnectTimer);
            reconnectTimer = -1;
        }
    }
}
