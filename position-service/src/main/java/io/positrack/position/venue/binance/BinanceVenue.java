package io.positrack.position.venue.binance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.positrack.contracts.venue.ClientOrderId;
import io.positrack.contracts.venue.OrderRole;
import io.positrack.contracts.venue.OrderUpdate;
import io.positrack.position.venue.AccountSnapshot;
import io.positrack.position.venue.ExecutionVenue;
import io.positrack.position.venue.OpenOrder;
import io.positrack.position.venue.OrderRequest;
import io.positrack.position.venue.OrderType;
import io.positrack.position.venue.Placement;
import io.quarkus.arc.lookup.LookupIfProperty;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;

/**
 * Binance USDⓈ-M futures as an {@link ExecutionVenue}, for the one account its API key trades for (one-way position
 * mode). Entries and exits are MARKET orders on {@code /fapi/v1/order} with Positrack's client order id as
 * {@code newClientOrderId}; the stop loss and take profit are conditional orders (STOP_MARKET, TAKE_PROFIT_MARKET)
 * on the Algo Order endpoints with the id as {@code clientAlgoId}: since the 2025-12 migration
 * {@code /fapi/v1/order} refuses conditional types (-4120). Order updates come back on {@code venue-events} through
 * the {@link UserDataStream}. Exists only with {@code positrack.binance.enabled=true} (checked at run time).
 */
@ApplicationScoped
@LookupIfProperty(name = "positrack.binance.enabled", stringValue = "true")
public class BinanceVenue implements ExecutionVenue {

    public static final String NAME = "binance-usdm";
    /** Cancels that fail for a passing reason are asked again: this often, waiting this long, doubling (with jitter). */
    private static final int RETRIES = 4;
    private static final java.time.Duration RETRY_BACKOFF = java.time.Duration.ofMillis(250);
    private static final java.time.Duration RETRY_BACKOFF_MAX = java.time.Duration.ofSeconds(2);
    /** Request weight of the open-order queries without a symbol (both "Current All ... Open Orders" pages). */
    static final int ALL_SYMBOLS_WEIGHT = 40;

    /** Request weight of {@code GET /fapi/v1/userTrades} (the "Account Trade List" page). */
    static final int USER_TRADES_WEIGHT = 5;
    /** The most trades one Account Trade List answer holds; an order of Positrack's fills in far fewer. */
    static final int USER_TRADES_LIMIT = 1000;

    /** Request weight of {@code GET /fapi/v1/exchangeInfo} (the "Exchange Information" page). */
    static final int EXCHANGE_INFO_WEIGHT = 1;

    private final BinanceHttp http;
    private final BinanceConfig config;
    private final RulesCache rules;

    public BinanceVenue(BinanceHttp http, BinanceConfig config) {
        this.http = http;
        this.config = config;
        this.rules = new RulesCache(() -> http.open(HttpMethod.GET, "/fapi/v1/exchangeInfo", EXCHANGE_INFO_WEIGHT)
                .map(r -> ExchangeInfo.rules(answer(r, "exchangeInfo"))), java.time.Instant::now, config.exchangeInfoRefresh(),
                config.exchangeInfoRetryAfter());
    }

    /** The rules are read at start, so that the first entry does not wait for them (a failure here is retried on use). */
    void start(@jakarta.enterprise.event.Observes io.quarkus.runtime.StartupEvent startup) {
        if (config.enabled()) {
            rules.fetched().subscribe().with(all -> Log.infof("exchangeInfo: rules of %d symbols", all.size()),
                    e -> Log.warnf("exchangeInfo could not be read at start (%s); it is read again on the first entry", e.toString()));
        }
    }

    @Override
    public Uni<Optional<io.positrack.position.venue.rules.SymbolRules>> rules(String symbol) {
        return rules.rules(symbol);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** {@code GET /fapi/v1/premiumIndex?symbol=}: its {@code markPrice}; not known when the call or the answer fails. */
    @Override
    public Uni<Optional<java.math.BigDecimal>> markPrice(String symbol) {
        return http.open(HttpMethod.GET, "/fapi/v1/premiumIndex?symbol=" + java.net.URLEncoder.encode(symbol, java.nio.charset.StandardCharsets.UTF_8), 1)
                .map(r -> {
                    String mark = answer(r, "premiumIndex").path("markPrice").asText("");
                    return mark.isEmpty() ? Optional.<java.math.BigDecimal>empty()
                            : Optional.of(new java.math.BigDecimal(mark)).filter(m -> m.signum() > 0);
                })
                .onFailure().recoverWithItem(e -> {
                    Log.debugf("premiumIndex of %s could not be read: %s", symbol, e.toString());
                    return Optional.empty();
                });
    }

    @Override
    public Uni<Placement> place(OrderRequest o) {
        if (!config.account().equals(o.account())) {
            return Uni.createFrom().item(new Placement.Rejected("binance-usdm trades only for account " + config.account()));
        }
        boolean conditional = o.type() != OrderType.MARKET;
        List<Map.Entry<String, String>> params = new ArrayList<>();
        if (conditional) {
            params.add(Map.entry("algoType", "CONDITIONAL"));
        }
        params.add(Map.entry("symbol", o.symbol()));
        params.add(Map.entry("side", o.side().name()));
        params.add(Map.entry("type", o.type().name()));
        params.add(Map.entry("quantity", o.quantity().stripTrailingZeros().toPlainString()));
        if (conditional) {
            params.add(Map.entry("triggerPrice", o.triggerPrice().stripTrailingZeros().toPlainString()));
        }
        if (o.reduceOnly()) {
            params.add(Map.entry("reduceOnly", "true"));
        }
        params.add(Map.entry(conditional ? "clientAlgoId" : "newClientOrderId", o.clientOrderId().toString()));
        String path = conditional ? "/fapi/v1/algoOrder" : "/fapi/v1/order";
        return http.signed(HttpMethod.POST, path, params, 0)
                .map(r -> PlacementAnswers.of(r, conditional ? "algoId" : "orderId"))
                .flatMap(placement -> PlacementAnswers.needsLookup(placement) ? alreadyPlaced(o) : Uni.createFrom().item(placement))
                .onFailure().recoverWithItem(e -> new Placement.Unknown("binance: " + e.getMessage()));
    }

    /** -4116: the id is in use by an open order, which is the earlier attempt of this one. */
    private Uni<Placement> alreadyPlaced(OrderRequest o) {
        String id = o.clientOrderId().toString();
        return lookup(o.account(), o.symbol(), id).map(found -> found
                .<Placement>map(u -> new Placement.AlreadyPlaced(u.venueOrderId() != null ? u.venueOrderId() : id))
                .orElseGet(() -> new Placement.Unknown("binance said " + id + " is in use but does not know it")));
    }

    @Override
    public Uni<Optional<OrderUpdate>> lookup(String account, String symbol, String clientOrderId) {
        if (conditional(clientOrderId)) {
            return http.signed(HttpMethod.GET, "/fapi/v1/algoOrder", List.of(Map.entry("clientAlgoId", clientOrderId)), 1)
                    .flatMap(r -> {
                        if (r.hasCode(-2013)) {
                            return Uni.createFrom().item(Optional.<OrderUpdate>empty());
                        }
                        JsonNode algo = answer(r, "algo order " + clientOrderId);
                        String actual = algo.path("actualOrderId").asText("");
                        Uni<Optional<JsonNode>> matched = actual.isEmpty() ? Uni.createFrom().item(Optional.empty())
                                : http.signed(HttpMethod.GET, "/fapi/v1/order", List.of(Map.entry("symbol", symbol), Map.entry("orderId", actual)), 1)
                                        .map(m -> Optional.of(answer(m, "order " + actual + " of algo order " + clientOrderId)));
                        return matched.map(m -> Optional.of(BinanceMessages.algoOrder(algo, m, account, NAME)));
                    });
        }
        return http.signed(HttpMethod.GET, "/fapi/v1/order", List.of(Map.entry("symbol", symbol), Map.entry("origClientOrderId", clientOrderId)), 1)
                .map(r -> r.hasCode(-2013) ? Optional.<OrderUpdate>empty()
                        : Optional.of(BinanceMessages.order(answer(r, "order " + clientOrderId), account, NAME)));
    }

    @Override
    public boolean listsTrades() {
        return true;
    }

    /**
     * Account Trade List ({@code GET /fapi/v1/userTrades?symbol=&orderId=}, weight 5, a query the rate-limit guard holds
     * back like any other): the trades of an order, with the ids, prices and commissions its
     * {@code ORDER_TRADE_UPDATE}s carried. A filled stop loss or take profit names the matching engine's order its
     * trigger placed ({@code ai} of {@code ALGO_UPDATE}, {@code actualOrderId} of a lookup) as its {@code venueOrderId}:
     * its trades are that order's. Empty for an order without Binance's id and for a conditional order that filled
     * nothing (its id is then the algo order's, which no trade carries). Without a time window Binance lists the last
     * 7 days, which is where an order that has just filled trades.
     */
    @Override
    public Uni<List<io.positrack.position.venue.VenueTrade>> trades(String account, String symbol, OrderUpdate order) {
        if (!config.account().equals(account)) {
            return Uni.createFrom().failure(new BinanceException("binance-usdm knows only account " + config.account()));
        }
        if (order.clientOrderId() == null || order.venueOrderId() == null
                || conditional(order.clientOrderId()) && !io.positrack.position.venue.MissedTrades.filledAny(order)) {
            return Uni.createFrom().item(List.of());
        }
        String orderId = order.venueOrderId();
        return http.signed(HttpMethod.GET, "/fapi/v1/userTrades", List.of(Map.entry("symbol", symbol), Map.entry("orderId", orderId),
                Map.entry("limit", Integer.toString(USER_TRADES_LIMIT))), USER_TRADES_WEIGHT)
                .map(r -> {
                    JsonNode json = answer(r, "trades of order " + orderId);
                    try {
                        return BinanceMessages.userTrades(json, orderId);
                    } catch (RuntimeException e) {
                        throw new BinanceException(r, "trades of order " + orderId + " not readable (" + e.getMessage() + ")");
                    }
                });
    }

    /**
     * positionRisk (v3) after the server time: each listed position as of its {@code updateTime} (the time of the fill
     * that last changed it); the symbols it leaves out are flat as of the newest {@code updateTime} it lists, capped at
     * the server time minus {@code position-risk-lag} ({@link PositionRiskFreshness}). An answer with no such evidence
     * is not complete: nothing it leaves out counts as flat. A failed query fails: never "flat" on error.
     */
    @Override
    public Uni<AccountSnapshot> snapshot(String account) {
        if (!config.account().equals(account)) {
            return Uni.createFrom().failure(new BinanceException("binance-usdm knows only account " + config.account()));
        }
        return http.open(HttpMethod.GET, "/fapi/v1/time", 1)
                .map(r -> BinanceMessages.serverTime(answer(r, "server time")))
                .flatMap(serverTime -> http.signed(HttpMethod.GET, "/fapi/v3/positionRisk", List.of(), 5)
                        .map(r -> {
                            List<io.positrack.contracts.venue.VenuePositionReport> lines = BinanceMessages.positionRisk(answer(r, "positionRisk"),
                                    account, NAME);
                            Optional<java.time.Instant> flatAsOf = PositionRiskFreshness.omittedFlatAsOf(serverTime, config.positionRiskLag(), lines);
                            return new AccountSnapshot(account, NAME, flatAsOf.orElse(serverTime.minus(config.positionRiskLag())),
                                    flatAsOf.isPresent(), lines);
                        }));
    }

    /**
     * Every working order of the account over all symbols: the regular ones ({@code GET /fapi/v1/openOrders}) and the
     * conditional ones ({@code GET /fapi/v1/openAlgoOrders}), both without a symbol (weight 40 each). Either query failing,
     * even after the retries a cancel gets, or an answer that cannot be read in full, fails the whole call: a list
     * missing one of the two would make every wanted order of that kind look missing.
     */
    @Override
    public Uni<List<OpenOrder>> openOrders(String account) {
        if (!config.account().equals(account)) {
            return Uni.createFrom().failure(new BinanceException("binance-usdm knows only account " + config.account()));
        }
        Uni<List<OpenOrder>> regular = allSymbols("/fapi/v1/openOrders", "open orders",
                json -> BinanceMessages.openOrders(json, account, NAME));
        Uni<List<OpenOrder>> conditional = allSymbols("/fapi/v1/openAlgoOrders", "open algo orders",
                json -> BinanceMessages.openAlgoOrders(json, account, NAME));
        // One after the other, not at once: together they weigh 80, and the guard should see the first answer's weight.
        return regular.flatMap(orders -> conditional.map(algo -> {
            List<OpenOrder> all = new ArrayList<>(orders);
            all.addAll(algo);
            return List.copyOf(all);
        }));
    }

    private Uni<List<OpenOrder>> allSymbols(String path, String what, java.util.function.Function<JsonNode, List<OpenOrder>> read) {
        return http.signed(HttpMethod.GET, path, List.of(), ALL_SYMBOLS_WEIGHT)
                .map(r -> {
                    JsonNode json = answer(r, what);
                    try {
                        return read.apply(json);
                    } catch (RuntimeException e) {
                        // Carries the (2xx) answer, so it is not asked again: the same answer would be read the same way.
                        throw new BinanceException(r, what + " not readable (" + e.getMessage() + ")");
                    }
                })
                .onFailure(BinanceVenue::worthRetrying).retry().withBackOff(RETRY_BACKOFF, RETRY_BACKOFF_MAX).atMost(RETRIES);
    }

    @Override
    public Uni<List<String>> accounts() {
        return Uni.createFrom().item(List.of(config.account()));
    }

    @Override
    public Uni<Void> cancel(String account, String symbol, String clientOrderId) {
        boolean conditional = conditional(clientOrderId);
        List<Map.Entry<String, String>> params = conditional ? List.of(Map.entry("clientAlgoId", clientOrderId))
                : List.of(Map.entry("symbol", symbol), Map.entry("origClientOrderId", clientOrderId));
        return http.signedUrgent(HttpMethod.DELETE, conditional ? "/fapi/v1/algoOrder" : "/fapi/v1/order", params, 1)
                .invoke(r -> {
                    // Cancelling a finished or unknown order is not an error.
                    if (!r.ok() && !r.hasCode(-2011) && !r.hasCode(-2013)) {
                        throw new BinanceException(r, "cancel of " + clientOrderId);
                    }
                }).replaceWithVoid()
                .onFailure(BinanceVenue::worthRetrying).retry().withBackOff(RETRY_BACKOFF, RETRY_BACKOFF_MAX).atMost(RETRIES);
    }

    /**
     * Cancels are idempotent (a second one answers -2011, which is fine), and one that fails for a reason that may pass
     * (a 429, a 503, a timeout) is worth asking again at once: nothing else would. A stop loss or take profit left
     * working after its position closed can later fire on the next position of the symbol. The rate-limit guard makes
     * the retry wait for {@code Retry-After}.
     */
    static boolean worthRetrying(Throwable failure) {
        if (failure instanceof BinanceException b) {
            return b.response() == null || PlacementAnswers.outcomeUnknown(b.response());
        }
        return true; // timeouts, connection failures, rate-limit pauses too long to wait for in one go
    }

    /** Finds the position's working conditional orders among the symbol's open algo orders, whatever their attempt, and cancels those not kept. */
    @Override
    public Uni<Void> cancelProtection(String account, String symbol, long positionId, int keepAttempt) {
        String stop = "pt-" + positionId + "-sl-";
        String profit = "pt-" + positionId + "-tp-";
        java.util.Set<String> kept = java.util.Set.of(stop + keepAttempt, profit + keepAttempt);
        return http.signedUrgent(HttpMethod.GET, "/fapi/v1/openAlgoOrders", List.of(Map.entry("symbol", symbol)), 1)
                .map(r -> {
                    List<String> ids = new ArrayList<>();
                    for (JsonNode a : answer(r, "open algo orders of " + symbol)) {
                        String id = a.path("clientAlgoId").asText("");
                        if ((id.startsWith(stop) || id.startsWith(profit)) && !kept.contains(id)) {
                            ids.add(id);
                        }
                    }
                    return ids;
                })
                .onFailure(BinanceVenue::worthRetrying).retry().withBackOff(RETRY_BACKOFF, RETRY_BACKOFF_MAX).atMost(RETRIES)
                .flatMap(ids -> Multi.createFrom().iterable(ids).onItem().transformToUniAndConcatenate(id -> cancel(account, symbol, id))
                        .collect().asList().replaceWithVoid())
                .invoke(() -> Log.debugf("Cancelled the protection of position #%d on %s", positionId, symbol));
    }

    private static boolean conditional(String clientOrderId) {
        return ClientOrderId.parse(clientOrderId).map(id -> id.role() == OrderRole.STOP_LOSS || id.role() == OrderRole.TAKE_PROFIT)
                .orElse(false);
    }

    private static JsonNode answer(BinanceResponse r, String what) {
        if (!r.ok()) {
            throw new BinanceException(r, what);
        }
        return r.json();
    }
}
