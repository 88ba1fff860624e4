package io.positrack.infra.binance;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The stand-in's one futures account (one-way mode): orders, conditional (algo) orders, positions with their
 * history, mark prices. Every method that changes the book returns the user-data-stream events the change
 * causes, in the order Binance documents them. Not thread-safe: {@link BinanceFuturesStandIn} calls it under
 * one lock.
 */
final class Book {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A regular order (MARKET here): the fields of the documented order answers. */
    static final class Order {
        long orderId;
        String clientOrderId;
        String symbol;
        String side;
        String type = "MARKET";
        BigDecimal origQty;
        BigDecimal executedQty = BigDecimal.ZERO;
        BigDecimal cumQuote = BigDecimal.ZERO;
        boolean reduceOnly;
        String status = "NEW";
        long time;
        long updateTime;
        /** Set when a conditional order placed it. */
        Long algoId;

        BigDecimal avgPrice() {
            return executedQty.signum() == 0 ? BigDecimal.ZERO : cumQuote.divide(executedQty, 8, RoundingMode.HALF_EVEN).stripTrailingZeros();
        }

        boolean open() {
            return status.equals("NEW") || status.equals("PARTIALLY_FILLED");
        }
    }

    /** A conditional order held by the Algo Service until its trigger price trades. */
    static final class AlgoOrder {
        long algoId;
        String clientAlgoId;
        String symbol;
        String side;
        String orderType;
        BigDecimal quantity;
        BigDecimal triggerPrice;
        boolean reduceOnly;
        String algoStatus = "NEW";
        String actualOrderId = "";
        BigDecimal executedQty = BigDecimal.ZERO;
        BigDecimal avgPrice = BigDecimal.ZERO;
        String rejectReason = "";
        long createTime;
        long updateTime;
        long triggerTime;

        boolean open() {
            return algoStatus.equals("NEW");
        }
    }

    /**
     * One trade (a fill of a regular order), as Account Trade List ({@code GET /fapi/v1/userTrades}) lists it; its id is
     * the {@code t} of the fill's {@code ORDER_TRADE_UPDATE}, and its commission that event's {@code n}.
     */
    record Trade(long id, long orderId, String symbol, String side, BigDecimal qty, BigDecimal price, BigDecimal commission,
            BigDecimal realizedPnl, long time) {
    }

    /** A symbol's position: signed amount, entry price, and the transaction time of its last change. */
    record Holding(BigDecimal amount, BigDecimal entryPrice, long updateTime) {
    }

    /** One change of a position, kept so that position queries can answer as of an earlier time. */
    private record Change(long at, String symbol, Holding holding) {
    }

    /** Open or finished orders by client order id: a finished order's id may be used again (uniqueness is among open orders). */
    private final Map<String, Order> orders = new LinkedHashMap<>();
    private final List<Order> allOrders = new ArrayList<>();
    private final Map<String, AlgoOrder> algoOrders = new LinkedHashMap<>();
    private final List<AlgoOrder> allAlgoOrders = new ArrayList<>();
    private final Map<String, Holding> positions = new LinkedHashMap<>();
    /** Each symbol's changes in time order (kept per symbol: position queries read them for every symbol, twice a second in long runs). */
    private final Map<String, List<Change>> history = new LinkedHashMap<>();
    private final Map<String, BigDecimal> markPrices = new LinkedHashMap<>();
    private final List<Trade> trades = new ArrayList<>();
    private long nextOrderId = 8_886_774;
    private long nextAlgoId = 2_148_719;
    private long nextTradeId = 1;
    private long lastTime;
    /** Share of the notional each fill is charged (in USDT), reported as the fill's {@code n} / {@code N}. */
    BigDecimal commissionRate = new BigDecimal("0.0004");

    /** Transaction times strictly increase, so no two book changes share a time. */
    long now() {
        lastTime = Math.max(System.currentTimeMillis(), lastTime + 1);
        return lastTime;
    }

    // ------------------------------------------------------------------ orders

    Optional<Order> order(String clientOrderId) {
        return Optional.ofNullable(orders.get(clientOrderId));
    }

    Optional<Order> orderById(long orderId) {
        return allOrders.stream().filter(o -> o.orderId == orderId).findFirst();
    }

    Optional<AlgoOrder> algoOrder(String clientAlgoId) {
        return Optional.ofNullable(algoOrders.get(clientAlgoId));
    }

    Optional<AlgoOrder> algoOrderById(long algoId) {
        return allAlgoOrders.stream().filter(o -> o.algoId == algoId).findFirst();
    }

    /** Every order ever placed, in placement order. */
    List<Order> orders() {
        return List.copyOf(allOrders);
    }

    /** Every trade so far, oldest first (trade ids increase). */
    List<Trade> trades() {
        return List.copyOf(trades);
    }

    /** Every conditional order ever placed, in placement order. */
    List<AlgoOrder> algoOrders() {
        return List.copyOf(allAlgoOrders);
    }

    /** Whether a reduce-only order on {@code side} would reduce the symbol's position now. */
    boolean reduces(String symbol, String side) {
        BigDecimal amount = holding(symbol).amount();
        return side.equals("BUY") ? amount.signum() < 0 : amount.signum() > 0;
    }

    Order newMarketOrder(String symbol, String side, BigDecimal quantity, boolean reduceOnly, String clientOrderId, List<ObjectNode> events) {
        Order o = new Order();
        o.orderId = nextOrderId++;
        o.clientOrderId = clientOrderId;
        o.symbol = symbol;
        o.side = side;
        o.origQty = quantity;
        o.reduceOnly = reduceOnly;
        o.time = now();
        o.updateTime = o.time;
        orders.put(clientOrderId, o);
        allOrders.add(o);
        events.add(orderTradeUpdate(o, "NEW", null, o.time));
        return o;
    }

    /**
     * Fills up to {@code quantity} of an open market order at the symbol's mark price. A reduce-only order
     * never takes the position past zero: what would, expires.
     */
    void fill(Order o, BigDecimal quantity, List<ObjectNode> events) {
        if (!o.open()) {
            return;
        }
        BigDecimal price = markPrice(o.symbol);
        BigDecimal qty = quantity.min(o.origQty.subtract(o.executedQty));
        if (o.reduceOnly) {
            qty = reduces(o.symbol, o.side) ? qty.min(holding(o.symbol).amount().abs()) : BigDecimal.ZERO;
        }
        long at = now();
        if (qty.signum() <= 0) {
            o.status = "EXPIRED";
            o.updateTime = at;
            events.add(orderTradeUpdate(o, "EXPIRED", null, at));
            return;
        }
        o.executedQty = o.executedQty.add(qty);
        o.cumQuote = o.cumQuote.add(qty.multiply(price));
        o.status = o.executedQty.compareTo(o.origQty) >= 0 ? "FILLED" : "PARTIALLY_FILLED";
        o.updateTime = at;
        BigDecimal realized = realized(holding(o.symbol), o.side, qty, price);
        Holding after = move(o.symbol, o.side, qty, price, at);
        // This trade's own commission, in USDT (as for an account that does not pay fees in BNB).
        Trade trade = new Trade(nextTradeId++, o.orderId, o.symbol, o.side, qty, price,
                qty.multiply(price).multiply(commissionRate).setScale(8, RoundingMode.HALF_UP), realized, at);
        trades.add(trade);
        events.add(orderTradeUpdate(o, "TRADE", trade, at));
        events.add(accountUpdate(o.symbol, after, at));
        if (o.status.equals("PARTIALLY_FILLED") && o.reduceOnly && after.amount().signum() == 0) {
            // The position is gone: the rest of a reduce-only order can never fill.
            o.status = "EXPIRED";
            o.updateTime = now();
            events.add(orderTradeUpdate(o, "EXPIRED", null, o.updateTime));
        }
    }

    Optional<Order> cancel(String clientOrderId, List<ObjectNode> events) {
        Order o = orders.get(clientOrderId);
        if (o == null || !o.open()) {
            return Optional.empty();
        }
        o.status = "CANCELED";
        o.updateTime = now();
        events.add(orderTradeUpdate(o, "CANCELED", null, o.updateTime));
        return Optional.of(o);
    }

    // ------------------------------------------------------------------ conditional orders

    AlgoOrder newAlgoOrder(String symbol, String side, String orderType, BigDecimal quantity, BigDecimal triggerPrice, boolean reduceOnly,
            String clientAlgoId, List<ObjectNode> events) {
        AlgoOrder a = new AlgoOrder();
        a.algoId = nextAlgoId++;
        a.clientAlgoId = clientAlgoId;
        a.symbol = symbol;
        a.side = side;
        a.orderType = orderType;
        a.quantity = quantity;
        a.triggerPrice = triggerPrice;
        a.reduceOnly = reduceOnly;
        a.createTime = now();
        a.updateTime = a.createTime;
        algoOrders.put(clientAlgoId, a);
        allAlgoOrders.add(a);
        events.add(algoUpdate(a, a.createTime));
        return a;
    }

    Optional<AlgoOrder> cancelAlgo(String clientAlgoId, List<ObjectNode> events) {
        AlgoOrder a = algoOrders.get(clientAlgoId);
        if (a == null || !a.open()) {
            return Optional.empty();
        }
        a.algoStatus = "CANCELED";
        a.updateTime = now();
        events.add(algoUpdate(a, a.updateTime));
        return Optional.of(a);
    }

    /** The documented trigger rules of STOP_MARKET and TAKE_PROFIT_MARKET, against the mark price. */
    private static boolean triggered(AlgoOrder a, BigDecimal price) {
        return triggered(a.side, a.orderType, a.triggerPrice, price);
    }

    static boolean triggered(String side, String orderType, BigDecimal triggerPrice, BigDecimal price) {
        boolean buy = side.equals("BUY");
        if (orderType.equals("STOP_MARKET")) {
            return buy ? price.compareTo(triggerPrice) >= 0 : price.compareTo(triggerPrice) <= 0;
        }
        return buy ? price.compareTo(triggerPrice) <= 0 : price.compareTo(triggerPrice) >= 0;
    }

    /** A new mark price: conditional orders whose trigger it reaches are triggered and filled at once. */
    void markPrice(String symbol, BigDecimal price, List<ObjectNode> events) {
        markPrices.put(symbol, price);
        for (AlgoOrder a : List.copyOf(algoOrders.values())) {
            if (!a.symbol.equals(symbol) || !a.open() || !triggered(a, price)) {
                continue;
            }
            a.triggerTime = now();
            a.updateTime = a.triggerTime;
            if (a.reduceOnly && !reduces(symbol, a.side)) {
                a.algoStatus = "REJECTED";
                a.rejectReason = "Reduce Only reject";
                events.add(algoUpdate(a, a.updateTime));
                continue;
            }
            a.algoStatus = "TRIGGERING";
            events.add(algoUpdate(a, a.updateTime));
            // The matching engine's order gets an id of the venue's own: the adapter must follow the
            // conditional order through ALGO_UPDATE alone.
            Order o = newMarketOrder(symbol, a.side, a.quantity, a.reduceOnly, "algo-" + a.algoId, events);
            o.algoId = a.algoId;
            a.actualOrderId = Long.toString(o.orderId);
            a.algoStatus = "TRIGGERED";
            a.updateTime = now();
            events.add(algoUpdate(a, a.updateTime));
            fill(o, o.origQty, events);
            a.executedQty = o.executedQty;
            a.avgPrice = o.avgPrice();
            a.algoStatus = "FINISHED";
            a.updateTime = now();
            events.add(algoUpdate(a, a.updateTime));
        }
    }

    BigDecimal markPrice(String symbol) {
        BigDecimal price = markPrices.get(symbol);
        if (price == null) {
            throw new IllegalStateException("no mark price set for " + symbol);
        }
        return price;
    }

    java.util.Set<String> symbolsWithMarkPrice() {
        return java.util.Set.copyOf(markPrices.keySet());
    }

    boolean hasMarkPrice(String symbol) {
        return markPrices.containsKey(symbol);
    }

    // ------------------------------------------------------------------ positions

    Holding holding(String symbol) {
        return positions.getOrDefault(symbol, new Holding(BigDecimal.ZERO, BigDecimal.ZERO, 0));
    }

    /** The position as a position query lagging {@code asOf} would show it. */
    Holding holdingAsOf(String symbol, long asOf) {
        List<Change> changes = history.getOrDefault(symbol, List.of());
        for (int i = changes.size() - 1; i >= 0; i--) {
            if (changes.get(i).at() <= asOf) {
                return changes.get(i).holding();
            }
        }
        return new Holding(BigDecimal.ZERO, BigDecimal.ZERO, 0);
    }

    List<String> symbols() {
        java.util.Set<String> all = new java.util.LinkedHashSet<>(positions.keySet());
        orders.values().forEach(o -> all.add(o.symbol));
        algoOrders.values().forEach(a -> all.add(a.symbol));
        return new ArrayList<>(all);
    }

    /** The symbols with an open order or conditional order, in one pass over the book. */
    java.util.Set<String> symbolsWithOpenOrders() {
        java.util.Set<String> open = new java.util.HashSet<>();
        orders.values().stream().filter(Order::open).forEach(o -> open.add(o.symbol));
        algoOrders.values().stream().filter(AlgoOrder::open).forEach(a -> open.add(a.symbol));
        return open;
    }

    /** The venue's position changes without any order of ours (liquidation, someone else trading). */
    void setHolding(String symbol, BigDecimal amount, BigDecimal entryPrice) {
        long at = now();
        record(symbol, new Holding(amount, amount.signum() == 0 ? BigDecimal.ZERO : entryPrice, at), at);
    }

    /** The profit a fill realizes: the part of it that reduces the position, at its price against the entry price. */
    private static BigDecimal realized(Holding before, String side, BigDecimal qty, BigDecimal price) {
        BigDecimal signed = side.equals("BUY") ? qty : qty.negate();
        if (before.amount().signum() == 0 || before.amount().signum() == signed.signum()) {
            return BigDecimal.ZERO;
        }
        BigDecimal closed = qty.min(before.amount().abs());
        BigDecimal perUnit = price.subtract(before.entryPrice());
        return (before.amount().signum() > 0 ? perUnit : perUnit.negate()).multiply(closed).setScale(8, RoundingMode.HALF_EVEN);
    }

    private Holding move(String symbol, String side, BigDecimal qty, BigDecimal price, long at) {
        Holding before = holding(symbol);
        BigDecimal signed = side.equals("BUY") ? qty : qty.negate();
        BigDecimal amount = before.amount().add(signed);
        BigDecimal entry;
        if (amount.signum() == 0) {
            entry = BigDecimal.ZERO;
        } else if (before.amount().signum() == 0 || before.amount().signum() != amount.signum()) {
            entry = price;
        } else if (before.amount().signum() == signed.signum()) {
            entry = before.amount().abs().multiply(before.entryPrice()).add(qty.multiply(price))
                    .divide(amount.abs(), 8, RoundingMode.HALF_EVEN).stripTrailingZeros();
        } else {
            entry = before.entryPrice();
        }
        Holding after = new Holding(amount, entry, at);
        record(symbol, after, at);
        return after;
    }

    private void record(String symbol, Holding h, long at) {
        positions.put(symbol, h);
        history.computeIfAbsent(symbol, s -> new ArrayList<>()).add(new Change(at, symbol, h));
    }

    // ------------------------------------------------------------------ documented JSON

    /** The answer of New Order / Query Order / Cancel Order. */
    ObjectNode orderJson(Order o) {
        ObjectNode n = JSON.createObjectNode();
        n.put("avgPrice", o.avgPrice().toPlainString());
        n.put("clientOrderId", o.clientOrderId);
        n.put("cumQty", o.executedQty.toPlainString());
        n.put("cumQuote", o.cumQuote.stripTrailingZeros().toPlainString());
        n.put("executedQty", o.executedQty.toPlainString());
        n.put("orderId", o.orderId);
        n.put("origQty", o.origQty.toPlainString());
        n.put("origType", o.type);
        n.put("price", "0");
        n.put("reduceOnly", o.reduceOnly);
        n.put("side", o.side);
        n.put("positionSide", "BOTH");
        n.put("status", o.status);
        n.put("stopPrice", "0");
        n.put("closePosition", false);
        n.put("symbol", o.symbol);
        n.put("time", o.time);
        n.put("timeInForce", "GTC");
        n.put("type", o.type);
        n.put("updateTime", o.updateTime);
        n.put("workingType", "CONTRACT_PRICE");
        n.put("priceProtect", false);
        n.put("priceMatch", "NONE");
        n.put("selfTradePreventionMode", "NONE");
        n.put("goodTillDate", 0);
        return n;
    }

    /** The answer of New / Query Algo Order and an element of Current Open Algo Orders. */
    ObjectNode algoJson(AlgoOrder a) {
        ObjectNode n = JSON.createObjectNode();
        n.put("algoId", a.algoId);
        n.put("clientAlgoId", a.clientAlgoId);
        n.put("algoType", "CONDITIONAL");
        n.put("orderType", a.orderType);
        n.put("symbol", a.symbol);
        n.put("side", a.side);
        n.put("positionSide", "BOTH");
        n.put("timeInForce", "GTC");
        n.put("quantity", a.quantity.toPlainString());
        n.put("algoStatus", a.algoStatus);
        n.put("actualOrderId", a.actualOrderId);
        n.put("actualPrice", a.avgPrice.toPlainString());
        n.put("triggerPrice", a.triggerPrice.toPlainString());
        n.put("price", "0");
        n.putNull("icebergQuantity");
        n.put("selfTradePreventionMode", "NONE");
        n.put("workingType", "CONTRACT_PRICE");
        n.put("priceMatch", "NONE");
        n.put("closePosition", false);
        n.put("priceProtect", false);
        n.put("reduceOnly", a.reduceOnly);
        n.put("createTime", a.createTime);
        n.put("updateTime", a.updateTime);
        n.put("triggerTime", a.triggerTime);
        n.put("goodTillDate", 0);
        return n;
    }

    /** One element of Account Trade List ({@code GET /fapi/v1/userTrades}), with the documented fields. */
    ObjectNode tradeJson(Trade t) {
        ObjectNode n = JSON.createObjectNode();
        n.put("buyer", t.side().equals("BUY"));
        n.put("commission", t.commission().toPlainString());
        n.put("commissionAsset", "USDT");
        n.put("id", t.id());
        // Only market orders fill here, and a market order takes.
        n.put("maker", false);
        n.put("orderId", t.orderId());
        n.put("price", t.price().toPlainString());
        n.put("qty", t.qty().toPlainString());
        n.put("quoteQty", t.qty().multiply(t.price()).stripTrailingZeros().toPlainString());
        n.put("realizedPnl", t.realizedPnl().toPlainString());
        n.put("side", t.side());
        n.put("positionSide", "BOTH");
        n.put("symbol", t.symbol());
        n.put("time", t.time());
        return n;
    }

    /** One element of Position Information V3 (one-way mode). */
    ObjectNode positionRiskJson(String symbol, Holding h) {
        BigDecimal mark = markPrices.getOrDefault(symbol, h.entryPrice());
        ObjectNode n = JSON.createObjectNode();
        n.put("symbol", symbol);
        n.put("positionSide", "BOTH");
        n.put("positionAmt", h.amount().toPlainString());
        n.put("entryPrice", h.entryPrice().toPlainString());
        n.put("breakEvenPrice", h.entryPrice().toPlainString());
        n.put("markPrice", mark.toPlainString());
        n.put("unRealizedProfit", mark.subtract(h.entryPrice()).multiply(h.amount()).toPlainString());
        n.put("liquidationPrice", "0");
        n.put("isolatedMargin", "0");
        n.put("notional", mark.multiply(h.amount()).toPlainString());
        n.put("marginAsset", "USDT");
        n.put("isolatedWallet", "0");
        n.put("initialMargin", "0");
        n.put("maintMargin", "0");
        n.put("positionInitialMargin", "0");
        n.put("openOrderInitialMargin", "0");
        n.put("adl", 0);
        n.put("bidNotional", "0");
        n.put("askNotional", "0");
        n.put("updateTime", h.updateTime());
        return n;
    }

    private ObjectNode orderTradeUpdate(Order o, String executionType, Trade trade, long at) {
        ObjectNode e = JSON.createObjectNode();
        e.put("e", "ORDER_TRADE_UPDATE");
        e.put("E", at + 1);
        e.put("T", at);
        ObjectNode n = e.putObject("o");
        n.put("s", o.symbol);
        n.put("c", o.clientOrderId);
        n.put("S", o.side);
        n.put("o", o.type);
        n.put("f", "GTC");
        n.put("q", o.origQty.toPlainString());
        n.put("p", "0");
        n.put("ap", o.avgPrice().toPlainString());
        n.put("sp", "0");
        n.put("x", executionType);
        n.put("X", o.status);
        n.put("i", o.orderId);
        n.put("l", trade == null ? "0" : trade.qty().toPlainString());
        n.put("z", o.executedQty.toPlainString());
        n.put("L", trade == null ? "0" : trade.price().toPlainString());
        if (trade != null) {
            n.put("N", "USDT");
            n.put("n", trade.commission().toPlainString());
        }
        n.put("T", at);
        n.put("t", trade == null ? 0 : trade.id());
        n.put("b", "0");
        n.put("a", "0");
        n.put("m", false);
        n.put("R", o.reduceOnly);
        n.put("wt", "CONTRACT_PRICE");
        n.put("ot", o.type);
        n.put("ps", "BOTH");
        n.put("cp", false);
        n.put("rp", trade == null ? "0" : trade.realizedPnl().toPlainString());
        n.put("pP", false);
        n.put("si", 0);
        n.put("ss", 0);
        n.put("V", "NONE");
        n.put("pm", "NONE");
        n.put("gtd", 0);
        return e;
    }

    private ObjectNode accountUpdate(String symbol, Holding h, long at) {
        ObjectNode e = JSON.createObjectNode();
        e.put("e", "ACCOUNT_UPDATE");
        e.put("E", at + 1);
        e.put("T", at);
        ObjectNode a = e.putObject("a");
        a.put("m", "ORDER");
        a.putArray("B");
        ArrayNode positionsNode = a.putArray("P");
        ObjectNode p = positionsNode.addObject();
        p.put("s", symbol);
        p.put("pa", h.amount().toPlainString());
        p.put("ep", h.entryPrice().toPlainString());
        p.put("bep", h.entryPrice().toPlainString());
        p.put("cr", "0");
        p.put("up", "0");
        p.put("mt", "cross");
        p.put("iw", "0");
        p.put("ps", "BOTH");
        return e;
    }

    private ObjectNode algoUpdate(AlgoOrder a, long at) {
        ObjectNode e = JSON.createObjectNode();
        e.put("e", "ALGO_UPDATE");
        e.put("T", at);
        e.put("E", at + 1);
        ObjectNode n = e.putObject("o");
        n.put("caid", a.clientAlgoId);
        n.put("aid", a.algoId);
        n.put("at", "CONDITIONAL");
        n.put("o", a.orderType);
        n.put("s", a.symbol);
        n.put("S", a.side);
        n.put("ps", "BOTH");
        n.put("f", "GTC");
        n.put("q", a.quantity.toPlainString());
        n.put("X", a.algoStatus);
        n.put("ai", a.actualOrderId);
        n.put("ap", a.avgPrice.toPlainString());
        n.put("aq", a.executedQty.toPlainString());
        n.put("act", a.actualOrderId.isEmpty() ? "0" : "MARKET");
        n.put("tp", a.triggerPrice.toPlainString());
        n.put("p", "0");
        n.put("V", "NONE");
        n.put("wt", "CONTRACT_PRICE");
        n.put("pm", "NONE");
        n.put("cp", false);
        n.put("pP", false);
        n.put("R", a.reduceOnly);
        n.put("tt", a.triggerTime);
        n.put("gtd", 0);
        n.put("rm", a.rejectReason);
        return e;
    }
}
