package io.positrack.infra.binance;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;

/**
 * A stand-in for Binance USDⓈ-M futures (one account, one-way mode) speaking the documented wire format on
 * localhost, for position-service's tests and the local run:
 * <ul>
 * <li>REST: {@code GET /fapi/v1/time}; {@code POST/PUT/DELETE /fapi/v1/listenKey}; {@code POST/GET/DELETE
 * /fapi/v1/order} (MARKET orders; conditional types are refused with -4120 as Binance does since the Algo
 * Service migration) and {@code GET /fapi/v1/openOrders}; {@code POST/GET/DELETE /fapi/v1/algoOrder} and
 * {@code GET /fapi/v1/openAlgoOrders} (STOP_MARKET, TAKE_PROFIT_MARKET); both open-order lists with or without a
 * symbol (weight 1 or 40, as documented); {@code GET /fapi/v3/positionRisk}; {@code GET /fapi/v1/userTrades} (each fill
 * with the trade id and commission its {@code ORDER_TRADE_UPDATE} carries). SIGNED endpoints verify
 * {@code X-MBX-APIKEY}, the HMAC SHA256 {@code signature} and {@code timestamp}/{@code recvWindow}; answers carry
 * {@code X-MBX-USED-WEIGHT-1M}.</li>
 * <li>Market streams ({@link MarketStreams}): {@code /stream?streams=<symbol>@bookTicker/...}, combined stream frames.</li>
 * <li>WebSocket {@code /ws/<listenKey>}: {@code ORDER_TRADE_UPDATE}, {@code ACCOUNT_UPDATE}, {@code ALGO_UPDATE},
 * {@code listenKeyExpired}.</li>
 * </ul>
 * Market orders fill at the symbol's mark price ({@link #setMarkPrice}), optionally in several partial fills;
 * conditional orders trigger when the mark price reaches them; reduce-only is enforced (-2022); a client order id
 * still open is refused (-4116). Tests set positions directly ({@link #setPosition}), read the book and switch
 * on faults ({@link #faults()}, {@link #expireListenKeys()}, {@link #dropStreamConnections()}, {@link #streamsDown}); orders
 * that rest unfilled ({@link #restingOrder}, {@link #conditionalOrder}) stand for orders placed by hand.
 */
public final class BinanceFuturesStandIn implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(BinanceFuturesStandIn.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UNKNOWN_STATUS = "Unknown error, please check your request or try again later.";
    private static final long FILL_DELAY_MS = 5;
    /** Request weight of Account Trade List ({@code GET /fapi/v1/userTrades}), as documented. */
    private static final int USER_TRADES_WEIGHT = 5;
    private static final long SEVEN_DAYS_MS = Duration.ofDays(7).toMillis();

    private final String apiKey;
    private final String secretKey;
    private final Vertx vertx;
    private final HttpServer server;
    private final Book book = new Book();
    private final Funding funding = new Funding();
    private final StandInFaults faults = new StandInFaults();
    private final UserStreams streams;
    private final MarketStreams market = new MarketStreams();
    private final AtomicInteger signatureFailures = new AtomicInteger();
    private final AtomicInteger refusedRequests = new AtomicInteger();
    private final AtomicInteger answered503 = new AtomicInteger();
    private final AtomicInteger partiallyFilled = new AtomicInteger();
    private final AtomicInteger immediateTriggers = new AtomicInteger();
    private final AtomicInteger filterRefusals = new AtomicInteger();
    private final AtomicInteger exchangeInfoRequests = new AtomicInteger();
    /** Filters set by a test; any other symbol with a mark price has {@link SymbolFilters#PERMISSIVE}. */
    private final Map<String, SymbolFilters> filters = new java.util.concurrent.ConcurrentHashMap<>();
    private long weightMinute;
    private int usedWeight;

    private BinanceFuturesStandIn(int port, Duration listenKeyValidity) {
        this.apiKey = randomKey();
        this.secretKey = randomKey();
        this.vertx = Vertx.vertx();
        this.streams = new UserStreams(vertx, faults, listenKeyValidity);
        // No webSocketHandler: the request handler upgrades /ws/ requests itself (toWebSocket). A Quarkus app without
        // a WebSocket server sets the JVM-wide system property vertx.disableWebsockets=true when it starts, and Vert.x
        // reads it once per class loader: a stand-in started in a test JVM where a Quarkus app had already started
        // (every @QuarkusTest class after the first) got its upgrades in the request handler (401, no API key) instead.
        HttpServer created = vertx.createHttpServer().requestHandler(this::request);
        try {
            this.server = created.listen(port, "localhost").toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            vertx.close();
            throw new IllegalStateException("Binance stand-in cannot listen on port " + port, e);
        }
        LOG.infof("Binance USDⓈ-M futures stand-in listening on %s", restBaseUrl());
    }

    /** A stand-in on a free port with fresh keys and listen keys valid 60 minutes. */
    public static BinanceFuturesStandIn start() {
        return new BinanceFuturesStandIn(0, Duration.ofMinutes(60));
    }

    public static BinanceFuturesStandIn start(int port, Duration listenKeyValidity) {
        return new BinanceFuturesStandIn(port, listenKeyValidity);
    }

    // ---------------------------------------------------------------- the Java API

    public String restBaseUrl() {
        return "http://localhost:" + server.actualPort();
    }

    public String websocketBaseUrl() {
        return "ws://localhost:" + server.actualPort();
    }

    public String apiKey() {
        return apiKey;
    }

    public String secretKey() {
        return secretKey;
    }

    /** The public market streams ({@code /stream?streams=<symbol>@bookTicker/...}): quotes and their faults. */
    public MarketStreams marketStreams() {
        return market;
    }

    public StandInFaults faults() {
        return faults;
    }

    /** Sets the price market orders fill at; conditional orders it reaches trigger now. */
    public void setMarkPrice(String symbol, String price) {
        List<ObjectNode> events = new ArrayList<>();
        synchronized (book) {
            book.markPrice(symbol, new BigDecimal(price), events);
        }
        streams.push(events);
    }

    /** The commission rate of every fill from now on (a share of the notional; Binance's default taker rate is 0.0004). */
    public void setCommissionRate(String rate) {
        synchronized (book) {
            book.commissionRate = new BigDecimal(rate);
        }
    }

    /**
     * Books a funding payment of {@code rate} on the symbol's position at its mark price (a long pays a positive rate),
     * streams the {@code ACCOUNT_UPDATE} (reason {@code FUNDING_FEE}, balance only) and keeps the income record that
     * {@code GET /fapi/v1/income} serves. Returns the amount as the account sees it (negative: paid).
     */
    public BigDecimal fundingPayment(String symbol, String rate) {
        List<ObjectNode> events = new ArrayList<>();
        BigDecimal paid;
        synchronized (book) {
            paid = funding.pay(symbol, book.holding(symbol).amount(), book.markPrice(symbol), new BigDecimal(rate), book.now(), events);
        }
        streams.push(events);
        return paid;
    }

    /**
     * The symbol's filters in exchangeInfo, enforced on its orders from now on. The symbol is listed even without a
     * mark price (orders on it are still refused -1121 until it has one).
     */
    public void setFilters(String symbol, SymbolFilters symbolFilters) {
        filters.put(symbol, symbolFilters);
    }

    /** Orders refused because the symbol's filters do not allow them (-1111, -4003, -4005, -4164). */
    public int filterRefusals() {
        return filterRefusals.get();
    }

    /** How often {@code GET /fapi/v1/exchangeInfo} was asked. */
    public int exchangeInfoRequests() {
        return exchangeInfoRequests.get();
    }

    /** The venue's position changes without an order of ours and without a stream event (a liquidation we never heard of). */
    public void setPosition(String symbol, String signedAmount, String entryPrice) {
        synchronized (book) {
            book.setHolding(symbol, new BigDecimal(signedAmount), entryPrice == null ? BigDecimal.ZERO : new BigDecimal(entryPrice));
        }
    }

    /**
     * A regular order that rests unfilled (the stand-in matches only MARKET orders at once): a LIMIT order placed by
     * hand, say, or with a {@code MARKET} type a Positrack order caught before its fill. It works until cancelled.
     */
    public void restingOrder(String symbol, String side, String type, String quantity, boolean reduceOnly, String clientOrderId) {
        List<ObjectNode> events = new ArrayList<>();
        synchronized (book) {
            book.newMarketOrder(symbol, side, new BigDecimal(quantity), reduceOnly, clientOrderId, events).type = type;
        }
        streams.push(events);
    }

    /** A conditional order as if placed through the Algo Order API with this id (by hand, or by another tool). */
    public void conditionalOrder(String symbol, String side, String type, String quantity, String triggerPrice, boolean reduceOnly,
            String clientAlgoId) {
        List<ObjectNode> events = new ArrayList<>();
        synchronized (book) {
            book.newAlgoOrder(symbol, side, type, new BigDecimal(quantity), new BigDecimal(triggerPrice), reduceOnly, clientAlgoId, events);
        }
        streams.push(events);
    }

    /** The position now: signed amount ({@code 0} when flat), entry price, time of the last change. */
    public Position position(String symbol) {
        synchronized (book) {
            Book.Holding h = book.holding(symbol);
            return new Position(symbol, h.amount(), h.entryPrice(), h.updateTime());
        }
    }

    /** Every regular order of the symbol ever placed (including those conditional orders placed when triggered). */
    public List<PlacedOrder> orders(String symbol) {
        synchronized (book) {
            return book.orders().stream().filter(o -> o.symbol.equals(symbol))
                    .map(o -> new PlacedOrder(o.clientOrderId, Long.toString(o.orderId), o.side, o.type, o.origQty, o.executedQty, o.status,
                            o.reduceOnly, o.time, o.updateTime, null))
                    .toList();
        }
    }

    /** Every conditional order of the symbol ever placed. */
    public List<PlacedOrder> algoOrders(String symbol) {
        synchronized (book) {
            return book.algoOrders().stream().filter(a -> a.symbol.equals(symbol))
                    .map(a -> new PlacedOrder(a.clientAlgoId, Long.toString(a.algoId), a.side, a.orderType, a.quantity, a.executedQty,
                            a.algoStatus, a.reduceOnly, a.createTime, a.updateTime, a.triggerPrice))
                    .toList();
        }
    }

    /** Every listen key expires now: open connections get {@code listenKeyExpired} and then nothing more. */
    public void expireListenKeys() {
        streams.expireAll();
    }

    /** Every stream connection is closed; listen keys stay valid. */
    public void dropStreamConnections() {
        streams.dropConnections();
    }

    /**
     * While down, every stream connection is closed and new ones are refused (404, as for an unknown listen key):
     * whatever happens meanwhile reaches no client. Up again, clients may connect.
     */
    public void streamsDown(boolean down) {
        streams.refuseConnections(down);
        if (down) {
            streams.dropConnections();
        }
    }

    /**
     * While on, every user-data-stream event is held back: connections stay open and hear nothing, as over a stream
     * that lags. Off again, the held events are sent in their order to the connections open then, so that what the
     * service has meanwhile learned over REST (a lookup, the trade list) arrives on the stream as well, later.
     */
    public void holdStreamEvents(boolean hold) {
        streams.hold(hold);
    }

    /** Stream events held back by {@link #holdStreamEvents} and not sent yet. */
    public int heldStreamEvents() {
        return streams.heldEvents();
    }

    /** Every trade so far (the fills of regular orders), oldest first, with the ids the stream's {@code t} carries. */
    public List<Trade> trades(String symbol) {
        synchronized (book) {
            return book.trades().stream().filter(t -> t.symbol().equals(symbol))
                    .map(t -> new Trade(Long.toString(t.id()), Long.toString(t.orderId()), t.side(), t.qty(), t.price(), t.commission(), t.time()))
                    .toList();
        }
    }

    public int listenKeysIssued() {
        return streams.keysIssued();
    }

    public int streamConnectionsOpened() {
        return streams.connectionsOpened();
    }

    public int openStreamConnections() {
        return streams.openConnections();
    }

    /** Every stream event sent so far (JSON text), for counting. */
    public List<String> streamEvents() {
        return streams.sentEvents();
    }

    /** Stream events the drop fault swallowed. */
    public int droppedStreamEvents() {
        return streams.droppedEvents();
    }

    /** Stream events the reorder fault held back. */
    public int delayedStreamEvents() {
        return streams.delayedEvents();
    }

    /** Stream events the duplicate fault sent a second time. */
    public int duplicatedStreamEvents() {
        return streams.duplicatedEvents();
    }

    /** Conditional orders refused with -2021 (would immediately trigger). */
    public int refusedImmediateTriggers() {
        return immediateTriggers.get();
    }

    /** Market orders the partial-fill fault split into several fills. */
    public int partiallyFilledOrders() {
        return partiallyFilled.get();
    }

    /** Requests refused because of a bad key, signature or timestamp. */
    public int signatureFailures() {
        return signatureFailures.get();
    }

    /** Requests refused with 429 or 418. */
    public int refusedRequests() {
        return refusedRequests.get();
    }

    public int answered503() {
        return answered503.get();
    }

    @Override
    public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.debugf("Binance stand-in stop: %s", e.toString());
        }
    }

    /** A trade as the stand-in holds it: its id (the stream's {@code t}), its order, side, quantity, price, commission in USDT. */
    public record Trade(String id, String orderId, String side, BigDecimal quantity, BigDecimal price, BigDecimal commission, long time) {
    }

    /** A position as the stand-in holds it. */
    public record Position(String symbol, BigDecimal amount, BigDecimal entryPrice, long updateTime) {
    }

    /**
     * An order as the stand-in holds it; for a conditional order, {@code id} is the algo id. Times are epoch
     * milliseconds: when it was placed and when its status last changed (a conditional order's trigger or cancel).
     */
    /** @param triggerPrice a conditional order's trigger; null for a market order */
    public record PlacedOrder(String clientId, String id, String side, String type, BigDecimal quantity, BigDecimal executedQuantity,
            String status, boolean reduceOnly, long placedAt, long updatedAt, BigDecimal triggerPrice) {
    }

    // ---------------------------------------------------------------- HTTP

    private record Answer(int status, String body, Map<String, String> headers) {

        static Answer ok(Object json) {
            return new Answer(200, json.toString(), Map.of());
        }

        static Answer error(int status, int code, String msg) {
            ObjectNode n = JSON.createObjectNode();
            n.put("code", code);
            n.put("msg", msg);
            return new Answer(status, n.toString(), Map.of());
        }
    }

    private void request(HttpServerRequest req) {
        if (req.headers().contains(HttpHeaders.UPGRADE, HttpHeaders.WEBSOCKET, true)) {
            webSocket(req);
            return;
        }
        req.body().onComplete(body -> {
            Answer answer;
            try {
                answer = route(req, body.succeeded() ? body.result() : Buffer.buffer());
            } catch (Exception e) {
                LOG.warnf(e, "Binance stand-in failed on %s %s", req.method(), req.path());
                answer = Answer.error(500, -1000, "An unknown error occured while processing the request.");
            }
            var response = req.response().setStatusCode(answer.status()).putHeader("Content-Type", "application/json");
            answer.headers().forEach(response::putHeader);
            response.putHeader("X-MBX-USED-WEIGHT-1M", Integer.toString(currentWeight()));
            response.end(answer.body());
        });
    }

    private Answer route(HttpServerRequest req, Buffer bodyBuffer) {
        String path = req.path();
        HttpMethod method = req.method();
        String rawQuery = req.query() == null ? "" : req.query();
        String body = bodyBuffer.toString(StandardCharsets.UTF_8);
        Map<String, String> params = new LinkedHashMap<>();
        parseForm(body, params);
        parseForm(rawQuery, params); // the query string wins, as documented
        long banned = faults.bannedForSeconds();
        if (banned > 0) {
            refusedRequests.incrementAndGet();
            return withRetryAfter(Answer.error(418, -1003, "Way too many requests; IP banned."), banned);
        }
        long retryAfter = faults.refuseWith429();
        if (retryAfter > 0) {
            refusedRequests.incrementAndGet();
            return withRetryAfter(Answer.error(429, -1003, "Too many requests; please use the websocket for live updates."), retryAfter);
        }
        if (path.equals("/fapi/v1/time") && method == HttpMethod.GET) {
            addWeight(1);
            ObjectNode n = JSON.createObjectNode();
            n.put("serverTime", System.currentTimeMillis());
            return Answer.ok(n);
        }
        if (path.equals("/fapi/v1/exchangeInfo") && method == HttpMethod.GET) {
            addWeight(1);
            exchangeInfoRequests.incrementAndGet();
            return Answer.ok(exchangeInfo());
        }
        if (path.equals("/fapi/v1/premiumIndex") && method == HttpMethod.GET) {
            addWeight(1);
            return premiumIndex(params.get("symbol"));
        }
        if (!apiKey.equals(req.getHeader("X-MBX-APIKEY"))) {
            signatureFailures.incrementAndGet();
            return Answer.error(401, -2015, "Invalid API-key, IP, or permissions for action.");
        }
        if (path.equals("/fapi/v1/listenKey")) {
            addWeight(1);
            return listenKey(method);
        }
        Optional<Answer> refused = verifySignature(rawQuery + body, params);
        if (refused.isPresent()) {
            signatureFailures.incrementAndGet();
            return refused.get();
        }
        Optional<StandInFaults.BrokenAnswer> broken = faults.brokenAnswer(path);
        if (broken.isPresent()) {
            return new Answer(broken.get().status(), broken.get().body(), Map.of());
        }
        return switch (method.name() + " " + path) {
            case "POST /fapi/v1/order" -> newOrder(params);
            case "GET /fapi/v1/order" -> weighted(1, queryOrder(params));
            case "DELETE /fapi/v1/order" -> weighted(1, cancelOrder(params));
            case "POST /fapi/v1/algoOrder" -> newAlgoOrder(params);
            case "GET /fapi/v1/algoOrder" -> weighted(1, queryAlgoOrder(params));
            case "DELETE /fapi/v1/algoOrder" -> weighted(1, cancelAlgoOrder(params));
            case "GET /fapi/v1/openOrders" -> weighted(params.containsKey("symbol") ? 1 : 40, openOrders(params));
            case "GET /fapi/v1/openAlgoOrders" -> weighted(params.containsKey("symbol") ? 1 : 40, openAlgoOrders(params));
            case "GET /fapi/v3/positionRisk" -> weighted(5, positionRisk(params));
            case "GET /fapi/v1/income" -> weighted(30, income(params));
            case "GET /fapi/v1/userTrades" -> weighted(USER_TRADES_WEIGHT, userTrades(params));
            default -> Answer.error(404, -1020, "This operation is not supported.");
        };
    }

    /** Every symbol with a mark price or filters of its own, as the documented exchangeInfo answer lists them. */
    private ObjectNode exchangeInfo() {
        ObjectNode n = JSON.createObjectNode();
        n.put("timezone", "UTC");
        n.put("serverTime", System.currentTimeMillis());
        n.putArray("rateLimits").addObject().put("rateLimitType", "REQUEST_WEIGHT").put("interval", "MINUTE")
                .put("intervalNum", 1).put("limit", 2400);
        n.putArray("exchangeFilters");
        java.util.SortedSet<String> symbols = new java.util.TreeSet<>(filters.keySet());
        synchronized (book) {
            symbols.addAll(book.symbolsWithMarkPrice());
        }
        var list = n.putArray("symbols");
        for (String symbol : symbols) {
            list.add(filtersOf(symbol).json(JSON, symbol));
        }
        return n;
    }

    private SymbolFilters filtersOf(String symbol) {
        return filters.getOrDefault(symbol, SymbolFilters.PERMISSIVE);
    }

    /** Binance's answer to an order its symbol's filters refuse, or empty (called holding the book). */
    private Optional<Answer> filterRefusal(String symbol, BigDecimal quantity, BigDecimal triggerPrice, boolean reduceOnly) {
        SymbolFilters f = filtersOf(symbol);
        return f.refusal(quantity, triggerPrice, book.markPrice(symbol), reduceOnly).map(code -> {
            filterRefusals.incrementAndGet();
            return Answer.error(400, code[0], SymbolFilters.message(code[0], f));
        });
    }

    private Answer listenKey(HttpMethod method) {
        if (method == HttpMethod.POST) {
            ObjectNode n = JSON.createObjectNode();
            n.put("listenKey", streams.create());
            return Answer.ok(n);
        }
        if (method == HttpMethod.PUT) {
            // The documented PUT takes no listen key: it extends the account's active key.
            return streams.keepAlive(activeKey()) ? Answer.ok(JSON.createObjectNode())
                    : Answer.error(400, -1125, "This listenKey does not exist.");
        }
        if (method == HttpMethod.DELETE) {
            Optional.ofNullable(activeKey()).ifPresent(streams::close);
            return Answer.ok(JSON.createObjectNode());
        }
        return Answer.error(404, -1020, "This operation is not supported.");
    }

    private String activeKey() {
        return streams.activeKey();
    }

    private Optional<Answer> verifySignature(String totalParams, Map<String, String> params) {
        int at = totalParams.lastIndexOf("signature=");
        if (at < 0) {
            return Optional.of(Answer.error(400, -1102, "Mandatory parameter 'signature' was not sent, was empty/null, or malformed."));
        }
        String signature = totalParams.substring(at + "signature=".length());
        String payload = totalParams.substring(0, at);
        if (payload.endsWith("&")) {
            payload = payload.substring(0, payload.length() - 1);
        }
        if (!hmac(payload).equalsIgnoreCase(signature)) {
            return Optional.of(Answer.error(400, -1022, "Signature for this request is not valid."));
        }
        long timestamp;
        try {
            timestamp = Long.parseLong(params.getOrDefault("timestamp", ""));
        } catch (NumberFormatException e) {
            return Optional.of(Answer.error(400, -1102, "Mandatory parameter 'timestamp' was not sent, was empty/null, or malformed."));
        }
        long recvWindow = Long.parseLong(params.getOrDefault("recvWindow", "5000"));
        long serverTime = System.currentTimeMillis();
        if (!(timestamp < serverTime + 1000 && serverTime - timestamp <= recvWindow)) {
            return Optional.of(Answer.error(400, -1021, "Timestamp for this request is outside of the recvWindow."));
        }
        return Optional.empty();
    }

    // ---------------------------------------------------------------- orders

    private Answer newOrder(Map<String, String> p) {
        String type = p.getOrDefault("type", "");
        if (List.of("STOP", "STOP_MARKET", "TAKE_PROFIT", "TAKE_PROFIT_MARKET", "TRAILING_STOP_MARKET").contains(type)) {
            return Answer.error(400, -4120, "Order type not supported for this endpoint. Please use the Algo Order API endpoints instead.");
        }
        if (!type.equals("MARKET")) {
            return Answer.error(400, -1116, "Invalid orderType.");
        }
        Optional<Answer> missing = require(p, "symbol", "side", "quantity");
        if (missing.isPresent()) {
            return missing.get();
        }
        String symbol = p.get("symbol");
        String side = p.get("side");
        BigDecimal quantity = new BigDecimal(p.get("quantity"));
        boolean reduceOnly = Boolean.parseBoolean(p.getOrDefault("reduceOnly", "false"));
        String clientOrderId = p.getOrDefault("newClientOrderId", "x-" + UUID.randomUUID().toString().substring(0, 20));
        List<ObjectNode> events = new ArrayList<>();
        Book.Order order;
        synchronized (book) {
            if (!book.hasMarkPrice(symbol)) {
                return Answer.error(400, -1121, "Invalid symbol.");
            }
            if (book.order(clientOrderId).filter(Book.Order::open).isPresent()) {
                return Answer.error(400, -4116, "clientOrderId is duplicated.");
            }
            Optional<Answer> refusedByFilters = filterRefusal(symbol, quantity, null, reduceOnly);
            if (refusedByFilters.isPresent()) {
                return refusedByFilters.get();
            }
            if (reduceOnly && !book.reduces(symbol, side)) {
                return Answer.error(400, -2022, "ReduceOnly Order is rejected.");
            }
            order = book.newMarketOrder(symbol, side, quantity, reduceOnly, clientOrderId, events);
        }
        streams.push(events);
        scheduleFills(order);
        if (faults.answer503AfterAccepting()) {
            answered503.incrementAndGet();
            return Answer.error(503, -1000, UNKNOWN_STATUS);
        }
        synchronized (book) {
            return Answer.ok(book.orderJson(order));
        }
    }

    private void scheduleFills(Book.Order order) {
        int fills = faults.fillsPerOrder();
        if (fills > 1) {
            partiallyFilled.incrementAndGet();
        }
        BigDecimal part = order.origQty.divide(BigDecimal.valueOf(fills), order.origQty.scale() + 3, RoundingMode.DOWN);
        for (int i = 1; i <= fills; i++) {
            boolean last = i == fills;
            vertx.setTimer(FILL_DELAY_MS * i, id -> {
                List<ObjectNode> events = new ArrayList<>();
                synchronized (book) {
                    book.fill(order, last ? order.origQty : part, events);
                }
                streams.push(events);
            });
        }
    }

    private Answer queryOrder(Map<String, String> p) {
        synchronized (book) {
            return findOrder(p).map(o -> Answer.ok(book.orderJson(o))).orElseGet(() -> Answer.error(400, -2013, "Order does not exist."));
        }
    }

    private Answer cancelOrder(Map<String, String> p) {
        List<ObjectNode> events = new ArrayList<>();
        Answer answer;
        synchronized (book) {
            Optional<Book.Order> cancelled = findOrder(p).filter(Book.Order::open).flatMap(o -> book.cancel(o.clientOrderId, events));
            answer = cancelled.map(o -> Answer.ok(book.orderJson(o))).orElseGet(() -> Answer.error(400, -2011, "Unknown order sent."));
        }
        streams.push(events);
        return answer;
    }

    private Optional<Book.Order> findOrder(Map<String, String> p) {
        if (p.containsKey("origClientOrderId")) {
            return book.order(p.get("origClientOrderId")).filter(o -> o.symbol.equals(p.get("symbol")));
        }
        if (p.containsKey("orderId")) {
            return book.orderById(Long.parseLong(p.get("orderId"))).filter(o -> o.symbol.equals(p.get("symbol")));
        }
        return Optional.empty();
    }

    private Answer newAlgoOrder(Map<String, String> p) {
        Optional<Answer> missing = require(p, "algoType", "symbol", "side", "type", "quantity", "triggerPrice");
        if (missing.isPresent()) {
            return missing.get();
        }
        if (!p.get("algoType").equals("CONDITIONAL")) {
            return Answer.error(400, -1130, "Data sent for parameter 'algoType' is not valid.");
        }
        String type = p.get("type");
        if (!type.equals("STOP_MARKET") && !type.equals("TAKE_PROFIT_MARKET")) {
            return Answer.error(400, -1116, "Invalid orderType.");
        }
        String clientAlgoId = p.getOrDefault("clientAlgoId", UUID.randomUUID().toString().replace("-", "").substring(0, 22));
        List<ObjectNode> events = new ArrayList<>();
        Book.AlgoOrder algo;
        synchronized (book) {
            if (!book.hasMarkPrice(p.get("symbol"))) {
                return Answer.error(400, -1121, "Invalid symbol.");
            }
            if (book.algoOrder(clientAlgoId).filter(Book.AlgoOrder::open).isPresent()) {
                return Answer.error(400, -4116, "clientOrderId is duplicated.");
            }
            Optional<Answer> refusedByFilters = filterRefusal(p.get("symbol"), new BigDecimal(p.get("quantity")),
                    new BigDecimal(p.get("triggerPrice")), Boolean.parseBoolean(p.getOrDefault("reduceOnly", "false")));
            if (refusedByFilters.isPresent()) {
                return refusedByFilters.get();
            }
            if (faults.refusesImmediateTriggers()
                    && Book.triggered(p.get("side"), type, new BigDecimal(p.get("triggerPrice")), book.markPrice(p.get("symbol")))) {
                immediateTriggers.incrementAndGet();
                return Answer.error(400, -2021, "Order would immediately trigger.");
            }
            algo = book.newAlgoOrder(p.get("symbol"), p.get("side"), type, new BigDecimal(p.get("quantity")),
                    new BigDecimal(p.get("triggerPrice")), Boolean.parseBoolean(p.getOrDefault("reduceOnly", "false")), clientAlgoId, events);
        }
        streams.push(events);
        if (faults.answer503AfterAccepting()) {
            answered503.incrementAndGet();
            return Answer.error(503, -1000, UNKNOWN_STATUS);
        }
        synchronized (book) {
            return Answer.ok(book.algoJson(algo));
        }
    }

    private Answer queryAlgoOrder(Map<String, String> p) {
        synchronized (book) {
            return findAlgo(p).map(a -> Answer.ok(book.algoJson(a))).orElseGet(() -> Answer.error(400, -2013, "Order does not exist."));
        }
    }

    private Answer cancelAlgoOrder(Map<String, String> p) {
        List<ObjectNode> events = new ArrayList<>();
        Answer answer;
        synchronized (book) {
            Optional<Book.AlgoOrder> cancelled = findAlgo(p).filter(Book.AlgoOrder::open).flatMap(a -> book.cancelAlgo(a.clientAlgoId, events));
            answer = cancelled.map(a -> {
                ObjectNode n = JSON.createObjectNode();
                n.put("algoId", a.algoId);
                n.put("clientAlgoId", a.clientAlgoId);
                n.put("code", "200");
                n.put("msg", "success");
                return Answer.ok(n);
            }).orElseGet(() -> Answer.error(400, -2011, "Unknown order sent."));
        }
        streams.push(events);
        return answer;
    }

    private Optional<Book.AlgoOrder> findAlgo(Map<String, String> p) {
        if (p.containsKey("clientAlgoId")) {
            return book.algoOrder(p.get("clientAlgoId"));
        }
        if (p.containsKey("algoId")) {
            return book.algoOrderById(Long.parseLong(p.get("algoId")));
        }
        return Optional.empty();
    }

    private Answer openAlgoOrders(Map<String, String> p) {
        ArrayNode list = JSON.createArrayNode();
        synchronized (book) {
            book.algoOrders().stream().filter(a -> a.open() && (!p.containsKey("symbol") || a.symbol.equals(p.get("symbol"))))
                    .forEach(a -> list.add(book.algoJson(a)));
        }
        return Answer.ok(list);
    }

    /** Current All Open Orders: the working regular orders of one symbol, or of all without one. */
    private Answer openOrders(Map<String, String> p) {
        ArrayNode list = JSON.createArrayNode();
        synchronized (book) {
            book.orders().stream().filter(o -> o.open() && (!p.containsKey("symbol") || o.symbol.equals(p.get("symbol"))))
                    .forEach(o -> list.add(book.orderJson(o)));
        }
        return Answer.ok(list);
    }

    /** Symbols with a position or open orders, as the book was {@link StandInFaults#positionRiskLag lag} ago. */
    /** Mark Price ({@code GET /fapi/v1/premiumIndex?symbol=}): the documented fields this stand-in knows. */
    private Answer premiumIndex(String symbol) {
        synchronized (book) {
            if (symbol == null || !book.hasMarkPrice(symbol)) {
                return Answer.error(400, -1121, "Invalid symbol.");
            }
            ObjectNode n = JSON.createObjectNode();
            String mark = book.markPrice(symbol).toPlainString();
            n.put("symbol", symbol);
            n.put("markPrice", mark);
            n.put("indexPrice", mark);
            n.put("estimatedSettlePrice", mark);
            n.put("lastFundingRate", "0.0001");
            n.put("interestRate", "0.0001");
            n.put("nextFundingTime", (System.currentTimeMillis() / 28_800_000L + 1) * 28_800_000L);
            n.put("time", System.currentTimeMillis());
            return Answer.ok(n);
        }
    }

    /**
     * Account Trade List ({@code GET /fapi/v1/userTrades}): the symbol's trades (symbol required), of one order with
     * {@code orderId}, from {@code fromId} on, or within [{@code startTime}, {@code endTime}] (at most 7 days apart; the
     * last 7 days without either), oldest first, at most {@code limit} (500 by default, 1000 at most): without
     * {@code fromId} the most recent ones.
     */
    private Answer userTrades(Map<String, String> p) {
        Optional<Answer> missing = require(p, "symbol");
        if (missing.isPresent()) {
            return missing.get();
        }
        long now = System.currentTimeMillis();
        Long orderId = p.containsKey("orderId") ? Long.valueOf(p.get("orderId")) : null;
        Long fromId = p.containsKey("fromId") ? Long.valueOf(p.get("fromId")) : null;
        Long start = p.containsKey("startTime") ? Long.valueOf(p.get("startTime")) : null;
        Long end = p.containsKey("endTime") ? Long.valueOf(p.get("endTime")) : null;
        if (start != null && end != null && end - start > SEVEN_DAYS_MS) {
            return Answer.error(400, -1127, "Lookup interval is too big.");
        }
        if (start == null && end == null && fromId == null) {
            start = now - SEVEN_DAYS_MS;
        } else if (start == null && end != null) {
            start = end - SEVEN_DAYS_MS;
        } else if (start != null && end == null) {
            end = start + SEVEN_DAYS_MS;
        }
        int limit = Math.min(1000, Math.max(1, Integer.parseInt(p.getOrDefault("limit", "500"))));
        final Long from = start;
        final Long to = end;
        ArrayNode list = JSON.createArrayNode();
        synchronized (book) {
            List<Book.Trade> matching = book.trades().stream()
                    .filter(t -> t.symbol().equals(p.get("symbol")) && (orderId == null || t.orderId() == orderId)
                            && (fromId == null || t.id() >= fromId) && (from == null || t.time() >= from) && (to == null || t.time() <= to))
                    .toList();
            List<Book.Trade> page = fromId != null ? matching.subList(0, Math.min(limit, matching.size()))
                    : matching.subList(Math.max(0, matching.size() - limit), matching.size());
            page.forEach(t -> list.add(book.tradeJson(t)));
        }
        return Answer.ok(list);
    }

    /** Get Income History: the funding payments booked so far ({@link #fundingPayment}). */
    private Answer income(Map<String, String> p) {
        synchronized (book) {
            return Answer.ok(funding.income(p.get("symbol"), p.get("incomeType"), p.containsKey("startTime") ? Long.valueOf(p.get("startTime")) : null,
                    p.containsKey("endTime") ? Long.valueOf(p.get("endTime")) : null));
        }
    }

    private Answer positionRisk(Map<String, String> p) {
        ArrayNode list = JSON.createArrayNode();
        synchronized (book) {
            long viewTime = faults.positionRiskViewTime(System.currentTimeMillis());
            java.util.Set<String> withOpenOrders = book.symbolsWithOpenOrders();
            for (String symbol : book.symbols()) {
                if (p.containsKey("symbol") && !p.get("symbol").equals(symbol)) {
                    continue;
                }
                Book.Holding h = book.holdingAsOf(symbol, viewTime);
                if (h.amount().signum() != 0 || withOpenOrders.contains(symbol)) {
                    list.add(book.positionRiskJson(symbol, h));
                }
            }
        }
        return Answer.ok(list);
    }

    // ---------------------------------------------------------------- WebSocket

    /** An upgrade request: refused with 404 unless it names a valid listen key, as Binance does. */
    private void webSocket(HttpServerRequest req) {
        String path = req.path();
        if (MarketStreams.isMarketStream(path)) {
            market.upgrade(req);
            return;
        }
        String key = path.startsWith("/ws/") ? path.substring("/ws/".length()) : "";
        if (!streams.valid(key) || streams.refusesConnections()) {
            req.response().setStatusCode(404).end();
            return;
        }
        req.toWebSocket().onSuccess(socket -> streams.connected(socket, key))
                .onFailure(e -> LOG.debugf("Binance stand-in: WebSocket upgrade of %s failed: %s", path, e.toString()));
    }

    // ---------------------------------------------------------------- helpers

    private Answer weighted(int weight, Answer answer) {
        addWeight(weight);
        return answer;
    }

    private synchronized void addWeight(int weight) {
        long minute = System.currentTimeMillis() / 60_000;
        if (minute != weightMinute) {
            weightMinute = minute;
            usedWeight = 0;
        }
        usedWeight += weight;
    }

    private synchronized int currentWeight() {
        return System.currentTimeMillis() / 60_000 == weightMinute ? usedWeight : 0;
    }

    private static Answer withRetryAfter(Answer answer, long seconds) {
        return new Answer(answer.status(), answer.body(), Map.of("Retry-After", Long.toString(seconds)));
    }

    private static Optional<Answer> require(Map<String, String> p, String... names) {
        for (String name : names) {
            if (p.get(name) == null || p.get(name).isBlank()) {
                return Optional.of(Answer.error(400, -1102, "Mandatory parameter '" + name + "' was not sent, was empty/null, or malformed."));
            }
        }
        return Optional.empty();
    }

    private static void parseForm(String form, Map<String, String> into) {
        if (form == null || form.isBlank()) {
            return;
        }
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            into.put(name, value);
        }
    }

    private String hmac(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secretKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String randomKey() {
        SecureRandom random = new SecureRandom();
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder key = new StringBuilder();
        for (int i = 0; i < 64; i++) {
            key.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return key.toString();
    }
}
