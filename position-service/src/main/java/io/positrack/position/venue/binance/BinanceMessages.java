package io.positrack.position.venue.binance;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import io.positrack.contracts.position.Side;
import io.positrack.contracts.venue.FundingPayment;
import io.positrack.contracts.venue.OrderStatus;
import io.positrack.contracts.venue.OrderUpdate;
import io.positrack.contracts.venue.VenuePositionReport;
import io.positrack.position.venue.OpenOrder;
import io.positrack.position.venue.OrderType;

/**
 * Reads Binance USDⓈ-M futures JSON (user data stream events and REST answers, with the documented field names)
 * into Positrack's venue messages. Pure functions over Jackson trees: no reflection, unit-tested on the examples of
 * Binance's documentation (src/test/resources/binance). One-way position mode only: hedge-mode lines
 * ({@code ps}/{@code positionSide} LONG or SHORT) are left out.
 */
public final class BinanceMessages {

    private BinanceMessages() {
    }

    // ---------------------------------------------------------------- user data stream

    /** {@code ORDER_TRADE_UPDATE} → the order's state: {@code X} status, {@code z} cumulative, {@code ap}, a fill's {@code l/L/t}. */
    public static OrderUpdate orderTradeUpdate(JsonNode event, String account, String venue) {
        JsonNode o = event.path("o");
        boolean trade = "TRADE".equals(o.path("x").asText());
        // This trade's own commission ("n") and its asset ("N"); a zero or absent one is none.
        BigDecimal commission = trade ? decimal(o, "n") : null;
        boolean charged = commission != null && commission.signum() != 0;
        return new OrderUpdate(account, venue, o.path("s").asText(null), o.path("c").asText(null), text(o, "i"),
                side(o.path("S").asText()), status(o.path("X").asText()), decimal(o, "z"), positiveOrNull(decimal(o, "ap")),
                trade ? o.path("t").asText() : null, reasonOf(o), millis(event, "E"), millis(event, "T"),
                trade ? decimal(o, "l") : null, trade ? decimal(o, "L") : null, charged ? commission : null,
                charged ? o.path("N").asText(null) : null);
    }

    /** Whether an {@code ACCOUNT_UPDATE} was caused by funding ({@code a.m = FUNDING_FEE}): the payment is then looked up. */
    public static boolean isFunding(JsonNode event) {
        return "ACCOUNT_UPDATE".equals(event.path("e").asText()) && "FUNDING_FEE".equals(event.path("a").path("m").asText());
    }

    /**
     * Get Income History ({@code incomeType=FUNDING_FEE}) → one payment per record, by its {@code tranId}. The income
     * record names the symbol, which a crossed position's {@code ACCOUNT_UPDATE} does not (it carries only the balance).
     */
    public static List<FundingPayment> fundingIncome(JsonNode list, String account, String venue) {
        List<FundingPayment> payments = new ArrayList<>();
        for (JsonNode i : array(list, "income history")) {
            if (!"FUNDING_FEE".equals(i.path("incomeType").asText()) || i.path("symbol").asText("").isEmpty()) {
                continue;
            }
            payments.add(FundingPayment.of("binance-funding:" + i.path("tranId").asText(), account, venue, i.path("symbol").asText(),
                    i.path("asset").asText(null), decimal(i, "income"), millis(i, "time")));
        }
        return payments;
    }

    /**
     * {@code ALGO_UPDATE} of a conditional order → its state as Positrack needs it: {@code NEW}, {@code CANCELED},
     * {@code EXPIRED}, {@code REJECTED} as such; {@code FINISHED} is {@code FILLED} with the matching engine's
     * {@code aq}/{@code ap} when something filled, else {@code CANCELED}; {@code TRIGGERING}/{@code TRIGGERED} say
     * nothing Positrack acts on (empty). The transaction time of a fill is the trigger time {@code tt}: never later
     * than the fill itself, so a position report of the fill still counts as fresh. A fill's {@code venueOrderId} is
     * the matching engine's order ({@code ai}, null when empty), whose trades say what the fill was charged; any other
     * update's is the algo order's own id ({@code aid}).
     */
    public static Optional<OrderUpdate> algoUpdate(JsonNode event, String account, String venue) {
        JsonNode o = event.path("o");
        String algoStatus = o.path("X").asText();
        BigDecimal executed = decimal(o, "aq");
        OrderStatus status;
        switch (algoStatus) {
            case "NEW" -> status = OrderStatus.NEW;
            case "CANCELED" -> status = OrderStatus.CANCELED;
            case "EXPIRED" -> status = OrderStatus.EXPIRED;
            case "REJECTED" -> status = OrderStatus.REJECTED;
            case "FINISHED" -> status = executed != null && executed.signum() > 0 ? OrderStatus.FILLED : OrderStatus.CANCELED;
            default -> {
                return Optional.empty();
            }
        }
        boolean filled = status == OrderStatus.FILLED;
        Instant transaction = millis(event, "T");
        long triggerTime = o.path("tt").asLong(0);
        if (filled && triggerTime > 0) {
            transaction = Instant.ofEpochMilli(triggerTime);
        }
        String reason = o.path("rm").asText("");
        // A fill names the matching engine's order its trigger placed ("ai"): that order's trades carry the commission.
        String venueOrderId = filled ? nonEmpty(o, "ai") : text(o, "aid");
        return Optional.of(new OrderUpdate(account, venue, o.path("s").asText(null), o.path("caid").asText(null), venueOrderId,
                side(o.path("S").asText()), status, filled ? executed : BigDecimal.ZERO, filled ? positiveOrNull(decimal(o, "ap")) : null,
                filled ? "algo-" + o.path("aid").asText() : null, reason.isEmpty() ? null : reason, millis(event, "E"), transaction,
                null, null));
    }

    /**
     * {@code ACCOUNT_UPDATE} → one complete report per changed position in {@code a.P}, as of the transaction time
     * {@code T}. The report id is derived from the event, so the same event seen twice (two replicas, a redelivery)
     * is applied once.
     */
    public static List<VenuePositionReport> accountUpdate(JsonNode event, String account, String venue) {
        List<VenuePositionReport> reports = new ArrayList<>();
        Instant asOf = millis(event, "T");
        for (JsonNode p : event.path("a").path("P")) {
            if (!"BOTH".equals(p.path("ps").asText("BOTH"))) {
                continue;
            }
            String symbol = p.path("s").asText();
            reports.add(report("binance-au:" + symbol + ":" + event.path("T").asText() + ":" + event.path("E").asText(), account, venue,
                    symbol, decimal(p, "pa"), decimal(p, "ep"), asOf));
        }
        return reports;
    }

    /** {@code listenKeyExpired}: its {@code E} is a number or (in the documented example) a string. */
    public static boolean isListenKeyExpired(JsonNode event) {
        return "listenKeyExpired".equals(event.path("e").asText());
    }

    // ---------------------------------------------------------------- REST answers

    /** Query Order → the order's state now; {@code updateTime} is its transaction time (the last fill's, for a fill). */
    public static OrderUpdate order(JsonNode o, String account, String venue) {
        Instant updated = Instant.ofEpochMilli(o.path("updateTime").asLong());
        return new OrderUpdate(account, venue, o.path("symbol").asText(null), o.path("clientOrderId").asText(null), text(o, "orderId"),
                side(o.path("side").asText()), status(o.path("status").asText()), decimal(o, "executedQty"),
                positiveOrNull(decimal(o, "avgPrice")), null, "lookup", updated, updated, null, null);
    }

    /**
     * Query Algo Order → its state; {@code matched} is the matching engine's order it placed when triggered
     * (Query Order by {@code actualOrderId}), which says what filled. Filled, its {@code venueOrderId} is that order's id
     * (null when empty), the order whose trades carry the commission; otherwise the {@code algoId}.
     */
    public static OrderUpdate algoOrder(JsonNode a, Optional<JsonNode> matched, String account, String venue) {
        String algoStatus = a.path("algoStatus").asText();
        Instant updated = Instant.ofEpochMilli(a.path("updateTime").asLong());
        OrderStatus status = switch (algoStatus) {
            case "CANCELED" -> OrderStatus.CANCELED;
            case "EXPIRED" -> OrderStatus.EXPIRED;
            case "REJECTED" -> OrderStatus.REJECTED;
            case "FINISHED" -> OrderStatus.CANCELED;
            default -> OrderStatus.NEW;
        };
        BigDecimal executed = BigDecimal.ZERO;
        BigDecimal average = null;
        if (matched.isPresent()) {
            executed = decimal(matched.get(), "executedQty");
            average = positiveOrNull(decimal(matched.get(), "avgPrice"));
            updated = Instant.ofEpochMilli(matched.get().path("updateTime").asLong());
            if (executed != null && executed.signum() > 0 && "FINISHED".equals(algoStatus)) {
                status = OrderStatus.FILLED;
            }
        }
        // Filled, it is known by the matching engine's order ("actualOrderId"), whose trades carry the commission.
        String venueOrderId = status == OrderStatus.FILLED ? nonEmpty(a, "actualOrderId") : text(a, "algoId");
        return new OrderUpdate(account, venue, a.path("symbol").asText(null), a.path("clientAlgoId").asText(null), venueOrderId,
                side(a.path("side").asText()), status, status == OrderStatus.FILLED ? executed : BigDecimal.ZERO,
                status == OrderStatus.FILLED ? average : null, null, "lookup", updated, updated, null, null);
    }

    /**
     * Account Trade List ({@code GET /fapi/v1/userTrades}) → the trades of order {@code orderId}, oldest first (by
     * {@code time}, then {@code id}). Each must name its {@code id}, {@code qty} and {@code price}: a trade read in part
     * would be booked wrong. Its {@code commission} is taken as a cost whatever its sign: the page's example shows it
     * negative where {@code ORDER_TRADE_UPDATE}'s {@code n} is positive, and Positrack's orders are market orders, which
     * always take (a rebate, a negative cost, is paid only to makers). A zero or absent commission is none.
     */
    public static List<io.positrack.position.venue.VenueTrade> userTrades(JsonNode list, String orderId) {
        List<io.positrack.position.venue.VenueTrade> trades = new ArrayList<>();
        for (JsonNode t : array(list, "account trade list")) {
            if (!orderId.equals(t.path("orderId").asText())) {
                continue;
            }
            BigDecimal commission = decimal(t, "commission");
            boolean charged = commission != null && commission.signum() != 0;
            trades.add(new io.positrack.position.venue.VenueTrade(required(t, "id"), orderId, requiredDecimal(t, "qty"),
                    requiredDecimal(t, "price"), charged ? commission.abs() : null, charged ? t.path("commissionAsset").asText(null) : null,
                    millis(t, "time")));
        }
        trades.sort(java.util.Comparator.comparing((io.positrack.position.venue.VenueTrade t) -> t.time() == null ? Instant.EPOCH : t.time())
                .thenComparing(t -> t.tradeId(), BinanceMessages::compareIds));
        return trades;
    }

    /** Trade ids are numbers that increase: compared as numbers (as text when one is not). */
    private static int compareIds(String a, String b) {
        try {
            return Long.compare(Long.parseLong(a), Long.parseLong(b));
        } catch (NumberFormatException e) {
            return a.compareTo(b);
        }
    }

    /** Position Information V3 → one complete report per one-way position, as of its {@code updateTime}. */
    public static List<VenuePositionReport> positionRisk(JsonNode list, String account, String venue) {
        List<VenuePositionReport> reports = new ArrayList<>();
        for (JsonNode p : list) {
            if (!"BOTH".equals(p.path("positionSide").asText("BOTH"))) {
                continue;
            }
            // Unique per query: two snapshots showing the same state are two confirmations, not one message twice.
            reports.add(report("binance-pr:" + UUID.randomUUID(), account, venue, p.path("symbol").asText(), decimal(p, "positionAmt"),
                    decimal(p, "entryPrice"), Instant.ofEpochMilli(p.path("updateTime").asLong())));
        }
        return reports;
    }

    /**
     * Current All Open Orders → one {@link OpenOrder} per regular working order. The list must be an array and every
     * element must name its symbol, client order id, side and original quantity: an answer read only in part would
     * make the orders left out look missing.
     */
    public static List<OpenOrder> openOrders(JsonNode list, String account, String venue) {
        List<OpenOrder> orders = new ArrayList<>();
        for (JsonNode o : array(list, "open orders")) {
            orders.add(new OpenOrder(account, venue, required(o, "symbol"), required(o, "clientOrderId"), requiredSide(o),
                    orderType(o.path("type").asText("")), requiredDecimal(o, "origQty"), null, o.path("reduceOnly").asBoolean(false)));
        }
        return orders;
    }

    /** Current All Algo Open Orders → one {@link OpenOrder} per working conditional order, with its trigger price. */
    public static List<OpenOrder> openAlgoOrders(JsonNode list, String account, String venue) {
        List<OpenOrder> orders = new ArrayList<>();
        for (JsonNode a : array(list, "open algo orders")) {
            orders.add(new OpenOrder(account, venue, required(a, "symbol"), required(a, "clientAlgoId"), requiredSide(a),
                    orderType(a.path("orderType").asText("")), requiredDecimal(a, "quantity"), positiveOrNull(decimal(a, "triggerPrice")),
                    a.path("reduceOnly").asBoolean(false)));
        }
        return orders;
    }

    public static Instant serverTime(JsonNode time) {
        if (!time.path("serverTime").canConvertToLong()) {
            throw new BinanceException("time answer without serverTime");
        }
        return Instant.ofEpochMilli(time.path("serverTime").asLong());
    }

    public static String listenKey(JsonNode answer) {
        String key = answer.path("listenKey").asText("");
        if (key.isEmpty()) {
            throw new BinanceException("listenKey answer without listenKey");
        }
        return key;
    }

    // ---------------------------------------------------------------- helpers

    /** The types Positrack places, by Binance's name; any other (LIMIT, STOP, TRAILING_STOP_MARKET, ...) is null. */
    static OrderType orderType(String binance) {
        return switch (binance) {
            case "MARKET" -> OrderType.MARKET;
            case "STOP_MARKET" -> OrderType.STOP_MARKET;
            case "TAKE_PROFIT_MARKET" -> OrderType.TAKE_PROFIT_MARKET;
            default -> null;
        };
    }

    private static JsonNode array(JsonNode n, String what) {
        if (n == null || !n.isArray()) {
            throw new IllegalArgumentException(what + ": the answer is not a list");
        }
        return n;
    }

    private static String required(JsonNode n, String field) {
        String value = n.path(field).asText("");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("an order without " + field);
        }
        return value;
    }

    private static Side requiredSide(JsonNode n) {
        Side side = side(n.path("side").asText(""));
        if (side == null) {
            throw new IllegalArgumentException("order " + n.path("symbol").asText("?") + " without a side");
        }
        return side;
    }

    private static BigDecimal requiredDecimal(JsonNode n, String field) {
        try {
            BigDecimal value = decimal(n, field);
            if (value == null) {
                throw new IllegalArgumentException("an order without " + field);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("an order with an unreadable " + field);
        }
    }

    private static VenuePositionReport report(String id, String account, String venue, String symbol, BigDecimal signed, BigDecimal entry,
            Instant asOf) {
        BigDecimal amount = signed == null ? BigDecimal.ZERO : signed;
        Side side = amount.signum() > 0 ? Side.BUY : amount.signum() < 0 ? Side.SELL : null;
        return VenuePositionReport.of(id, account, venue, symbol, side, strip(amount.abs()), amount.signum() == 0 ? null : positiveOrNull(entry),
                true, asOf);
    }

    static OrderStatus status(String binance) {
        return switch (binance) {
            case "NEW" -> OrderStatus.NEW;
            case "PARTIALLY_FILLED" -> OrderStatus.PARTIALLY_FILLED;
            case "FILLED" -> OrderStatus.FILLED;
            case "CANCELED" -> OrderStatus.CANCELED;
            case "EXPIRED", "EXPIRED_IN_MATCH" -> OrderStatus.EXPIRED;
            case "REJECTED" -> OrderStatus.REJECTED;
            default -> throw new BinanceException("unknown order status " + binance);
        };
    }

    private static String reasonOf(JsonNode o) {
        String x = o.path("x").asText();
        return x.equals("EXPIRED") || x.equals("CANCELED") ? "binance " + x + (o.has("er") ? " " + o.path("er").asText() : "") : null;
    }

    private static Side side(String binance) {
        return switch (binance) {
            case "BUY" -> Side.BUY;
            case "SELL" -> Side.SELL;
            default -> null;
        };
    }

    private static String text(JsonNode n, String field) {
        return n.hasNonNull(field) ? n.get(field).asText() : null;
    }

    /** The field as text; null when absent, null or empty (Binance sends {@code "ai": ""} before a trigger). */
    private static String nonEmpty(JsonNode n, String field) {
        String value = text(n, field);
        return value == null || value.isEmpty() ? null : value;
    }

    private static BigDecimal decimal(JsonNode n, String field) {
        String value = n.path(field).asText("");
        return value.isEmpty() ? null : strip(new BigDecimal(value));
    }

    private static BigDecimal positiveOrNull(BigDecimal value) {
        return value == null || value.signum() <= 0 ? null : value;
    }

    private static BigDecimal strip(BigDecimal value) {
        BigDecimal s = value.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }

    private static Instant millis(JsonNode n, String field) {
        JsonNode v = n.path(field);
        if (v.isMissingNode() || v.isNull()) {
            return null;
        }
        return Instant.ofEpochMilli(v.isTextual() ? Long.parseLong(v.asText()) : v.asLong());
    }
}
