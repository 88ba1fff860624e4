package io.positrack.position.venue.paper;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.positrack.contracts.market.MarketTick;
import io.positrack.contracts.position.Side;
import io.positrack.contracts.venue.OrderStatus;
import io.positrack.contracts.venue.OrderUpdate;
import io.positrack.contracts.venue.VenuePositionReport;
import io.positrack.position.config.PositionConfig;
import io.positrack.position.lifecycle.PositionRows;
import io.positrack.position.support.Clock;
import io.positrack.position.venue.AccountSnapshot;
import io.positrack.position.venue.ExecutionVenue;
import io.positrack.position.venue.OrderRequest;
import io.positrack.position.venue.Placement;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A simulated exchange for the local run and the tests. Market orders fill at the next tick of their
 * symbol (ask for buys, bid for sells, moved against the trader by the configured slippage, and charged the
 * configured taker fee: {@link PaperFees}); stop and take-profit orders trigger on ticks; reduce-only
 * orders never exceed the venue's own position. Like a real exchange it keeps its own book and reports
 * every change on {@code venue-events}; a repeated client order id returns the existing order.
 */
@ApplicationScoped
public class PaperVenue implements ExecutionVenue {

    public static final String CHANNEL = "paper-venue-events";
    /**
     * How far ahead a wrong venue clock dates the updates it spoils: within the wire format's range (which refuses
     * 2999 as malformed by itself), so it is our clock's bound that must catch it.
     */
    private static final java.time.Duration CLOCK_GONE_WRONG = java.time.Duration.ofDays(30);

    private final Pool pool;
    private final MutinyEmitter<OrderUpdate> events;
    private final PositionConfig config;
    private final Clock clock;
    private final PaperFaults faults;
    private final io.positrack.position.charges.SettlementAssets settlement;

    public PaperVenue(Pool pool, @Channel(CHANNEL) MutinyEmitter<OrderUpdate> events, PositionConfig config, Clock clock,
            PaperFaults faults, io.positrack.position.charges.SettlementAssets settlement) {
        this.settlement = settlement;
        this.faults = faults;
        this.pool = pool;
        this.events = events;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public String name() {
        return config.paper().venue();
    }

    /** The configured rules of the symbol ({@code positrack.position.paper.rules}), or none at all. */
    @Override
    public Uni<Optional<io.positrack.position.venue.rules.SymbolRules>> rules(String symbol) {
        PositionConfig.Paper.SymbolRules c = config.paper().rules().get(symbol);
        if (c == null) {
            return Uni.createFrom().item(Optional.of(io.positrack.position.venue.rules.SymbolRules.unrestricted(symbol)));
        }
        var lot = new io.positrack.position.venue.rules.SymbolRules.Lot(c.stepSize(), c.minQty(), c.maxQty());
        var market = new io.positrack.position.venue.rules.SymbolRules.Lot(c.stepSize(), c.minQty(), c.marketMaxQty().orElse(c.maxQty()));
        var prices = new io.positrack.position.venue.rules.SymbolRules.Prices(c.minPrice(), c.maxPrice(), c.multiplierUp(),
                c.multiplierDown());
        return Uni.createFrom().item(Optional.of(new io.positrack.position.venue.rules.SymbolRules(symbol, c.tickSize(), lot, market,
                c.minNotional(), prices)));
    }

    /** The mid of the symbol's latest tick, as the paper venue judges triggers ({@link #alreadyThrough}); empty before one. */
    @Override
    public Uni<Optional<BigDecimal>> markPrice(String symbol) {
        return pool.preparedQuery("SELECT bid, ask FROM paper.marks WHERE symbol = $1").execute(Tuple.of(symbol))
                .map(rows -> rows.size() == 0 ? Optional.<BigDecimal>empty()
                        : Optional.of(PositionRows.strip(rows.iterator().next().getBigDecimal("bid").add(rows.iterator().next().getBigDecimal("ask"))
                                .divide(BigDecimal.valueOf(2), java.math.MathContext.DECIMAL64))));
    }

    @Override
    public Uni<Placement> place(OrderRequest o) {
        if (faults.callLostOn(o.symbol())) {
            return lost("placement of " + o.clientOrderId());
        }
        java.util.Optional<String> refusal = faults.refusalOfPlacementOn(o.symbol());
        if (refusal.isPresent()) {
            return Uni.createFrom().item(new Placement.Rejected(refusal.get()));
        }
        if (o.type() == io.positrack.position.venue.OrderType.MARKET) {
            return book(o);
        }
        return alreadyThrough(o).flatMap(through -> through.isPresent()
                ? Uni.createFrom().item((Placement) new Placement.Rejected(IMMEDIATE_TRIGGER + " (" + through.get() + ")"))
                : book(o));
    }

    /**
     * Why a stop loss or take profit would trigger at once, or empty: as Binance refuses it (-2021, "Order would
     * immediately trigger."), judged against the mark price, which lies between bid and ask; here the mid of the
     * symbol's latest tick. A repeated placement of an order already on the book is never refused: it is the same order.
     * Without a tick yet, nothing can be judged and the order is placed.
     */
    private Uni<Optional<String>> alreadyThrough(OrderRequest o) {
        return pool.preparedQuery("""
                SELECT m.bid, m.ask, EXISTS (SELECT 1 FROM paper.orders WHERE client_order_id = $2) AS placed
                  FROM paper.marks m WHERE m.symbol = $1""")
                .execute(Tuple.of(o.symbol(), o.clientOrderId().toString()))
                .map(rows -> {
                    if (rows.size() == 0 || rows.iterator().next().getBoolean("placed")) {
                        return Optional.<String>empty();
                    }
                    Row m = rows.iterator().next();
                    BigDecimal mark = m.getBigDecimal("bid").add(m.getBigDecimal("ask"))
                            .divide(BigDecimal.valueOf(2), java.math.MathContext.DECIMAL64);
                    return triggers(o.type().name(), o.side(), mark, o.triggerPrice())
                            ? Optional.of("mark " + PositionRows.strip(mark).toPlainString() + ", trigger "
                                    + o.triggerPrice().stripTrailingZeros().toPlainString())
                            : Optional.<String>empty();
                });
    }

    /** The answer Binance gives a conditional order whose trigger the market has passed; the lifecycle reads its code. */
    public static final String IMMEDIATE_TRIGGER = "paper HTTP 400 -2021 Order would immediately trigger.";

    /**
     * Whether an order of this type and side triggers at {@code price}. A stop that buys protects a short: it fires
     * when the price rises to it; one that sells, when it falls. A take profit the other way round.
     */
    static boolean triggers(String type, Side side, BigDecimal price, BigDecimal trigger) {
        return switch (type) {
            case "MARKET" -> true;
            case "STOP_MARKET" -> side == Side.BUY ? price.compareTo(trigger) >= 0 : price.compareTo(trigger) <= 0;
            default -> side == Side.BUY ? price.compareTo(trigger) <= 0 : price.compareTo(trigger) >= 0;
        };
    }

    private Uni<Placement> book(OrderRequest o) {
        return pool.preparedQuery("""
                INSERT INTO paper.orders (client_order_id, account, symbol, side, quantity, type, trigger_price, reduce_only, status)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'NEW') ON CONFLICT (client_order_id) DO NOTHING""")
                .execute(Tuple.from(new Object[] { o.clientOrderId().toString(), o.account(), o.symbol(), o.side().name(),
                        o.quantity(), o.type().name(), o.triggerPrice(), o.reduceOnly() }))
                .flatMap(rows -> rows.rowCount() == 0
                        ? Uni.createFrom().item((Placement) new Placement.AlreadyPlaced(o.clientOrderId().toString()))
                        : publish(List.of(update(o.account(), o.symbol(), o.clientOrderId().toString(), o.side(),
                                OrderStatus.NEW, BigDecimal.ZERO, null, null)))
                                .replaceWith(new Placement.Accepted(o.clientOrderId().toString())))
                // Fault injection: the order is on the book, but its answer never arrives.
                .flatMap(placement -> placement instanceof Placement.Accepted && faults.timeOutThisPlacement()
                        ? Uni.createFrom().<Placement>failure(new java.util.concurrent.TimeoutException(
                                "paper venue: placement of " + o.clientOrderId() + " timed out (injected)"))
                        : Uni.createFrom().item(placement));
    }

    @Override
    public Uni<AccountSnapshot> snapshot(String account) {
        if (faults.snapshotFails(account)) {
            return Uni.createFrom().failure(new IllegalStateException("paper venue: snapshot of " + account + " failed (injected)"));
        }
        // The book as it was `lag` ago: a venue whose position API trails its stream says so through asOf.
        Instant asOf = clock.now().minus(faults.snapshotLag());
        return pool.preparedQuery("""
                SELECT DISTINCT ON (symbol) symbol, quantity, entry_price FROM paper.position_changes
                 WHERE account = $1 AND changed_at <= $2 ORDER BY symbol, changed_at DESC""")
                .execute(Tuple.of(account, PositionRows.timestamp(asOf)))
                .map(rows -> {
                    List<VenuePositionReport> reports = new ArrayList<>();
                    for (Row row : rows) {
                        BigDecimal signed = row.getBigDecimal("quantity");
                        reports.add(VenuePositionReport.of("paper-" + UUID.randomUUID(), account, name(), row.getString("symbol"),
                                signed.signum() >= 0 ? Side.BUY : Side.SELL, PositionRows.strip(signed.abs()),
                                PositionRows.strip(row.getBigDecimal("entry_price")), true, asOf));
                    }
                    return new AccountSnapshot(account, name(), asOf, true, reports);
                });
    }

    @Override
    public Uni<List<io.positrack.position.venue.OpenOrder>> openOrders(String account) {
        if (faults.openOrdersFail(account)) {
            return Uni.createFrom().failure(new IllegalStateException("paper venue: open orders of " + account + " failed (injected)"));
        }
        return pool.preparedQuery("""
                SELECT client_order_id, symbol, side, type, quantity, trigger_price, reduce_only FROM paper.orders
                 WHERE account = $1 AND status IN ('NEW', 'PARTIALLY_FILLED') ORDER BY symbol, client_order_id""")
                .execute(Tuple.of(account))
                .map(rows -> {
                    List<io.positrack.position.venue.OpenOrder> open = new ArrayList<>();
                    for (Row r : rows) {
                        BigDecimal trigger = r.getBigDecimal("trigger_price");
                        open.add(new io.positrack.position.venue.OpenOrder(account, name(), r.getString("symbol"),
                                r.getString("client_order_id"), Side.valueOf(r.getString("side")),
                                io.positrack.position.venue.OrderType.valueOf(r.getString("type")),
                                PositionRows.strip(r.getBigDecimal("quantity")), trigger == null ? null : PositionRows.strip(trigger),
                                r.getBoolean("reduce_only")));
                    }
                    return open;
                });
    }

    @Override
    public Uni<List<String>> accounts() {
        return pool.query("SELECT DISTINCT account FROM paper.position_changes").execute().map(rows -> {
            List<String> accounts = new ArrayList<>();
            rows.forEach(r -> accounts.add(r.getString("account")));
            return accounts;
        });
    }

    @Override
    public Uni<Optional<OrderUpdate>> lookup(String account, String symbol, String clientOrderId) {
        return pool.preparedQuery("""
                SELECT side, status, filled_quantity, average_price, updated_at FROM paper.orders
                 WHERE client_order_id = $1 AND account = $2 AND symbol = $3""")
                .execute(Tuple.of(clientOrderId, account, symbol))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.<OrderUpdate>empty();
                    }
                    Row row = rows.iterator().next();
                    OrderStatus status = OrderStatus.valueOf(row.getString("status"));
                    BigDecimal average = row.getBigDecimal("average_price");
                    return Optional.of(update(account, symbol, clientOrderId, Side.valueOf(row.getString("side")), status,
                            PositionRows.strip(row.getBigDecimal("filled_quantity")),
                            average == null ? null : PositionRows.strip(average), "lookup",
                            row.getOffsetDateTime("updated_at").toInstant()));
                });
    }

    @Override
    public Uni<Void> cancel(String account, String symbol, String clientOrderId) {
        return cancelWhere(account, symbol, "client_order_id = $3", clientOrderId);
    }

    @Override
    public Uni<Void> cancelProtection(String account, String symbol, long positionId, int keepAttempt) {
        String prefix = "pt-" + positionId;
        return cancelWhere(account, symbol, "(client_order_id LIKE $3 || '-sl-%' OR client_order_id LIKE $3 || '-tp-%')"
                + " AND client_order_id NOT IN ($3 || '-sl-' || $4, $3 || '-tp-' || $4)", prefix, Integer.toString(keepAttempt));
    }

    private Uni<Void> cancelWhere(String account, String symbol, String condition, String... values) {
        if (faults.callLostOn(symbol)) {
            return lost("cancel on " + symbol);
        }
        if (faults.failThisCancel(symbol)) {
            // Fault injection: the cancel errors out and the order keeps working, as a timed-out or rate-limited cancel.
            return Uni.createFrom().failure(new java.util.concurrent.TimeoutException(
                    "paper venue: cancel on " + symbol + " failed (injected)"));
        }
        return pool.preparedQuery("UPDATE paper.orders SET status = 'CANCELED', updated_at = now() "
                + "WHERE account = $1 AND symbol = $2 AND status IN ('NEW', 'PARTIALLY_FILLED') AND " + condition
                + " RETURNING client_order_id, side, filled_quantity, average_price")
                .execute(Tuple.from(arguments(account, symbol, values)))
                .flatMap(rows -> {
                    // A cancelled order keeps what it filled before: the update says how much.
                    List<OrderUpdate> updates = new ArrayList<>();
                    rows.forEach(r -> updates.add(update(account, symbol, r.getString("client_order_id"),
                            Side.valueOf(r.getString("side")), OrderStatus.CANCELED, PositionRows.strip(r.getBigDecimal("filled_quantity")),
                            PositionRows.strip(r.getBigDecimal("average_price")), "cancelled")));
                    return publish(updates);
                });
    }

    private static <T> Uni<T> lost(String call) {
        return Uni.createFrom().failure(new IllegalStateException("paper venue: " + call + " never arrived (injected)"));
    }

    private static List<Object> arguments(String account, String symbol, String... values) {
        List<Object> all = new ArrayList<>(List.of(account, symbol));
        all.addAll(List.of(values));
        return all;
    }

    /** Matches the symbol's working orders against one tick. */
    public Uni<Void> onTick(MarketTick tick) {
        return pool.withTransaction(tx -> tx.preparedQuery("""
                SELECT client_order_id, account, side, quantity, type, trigger_price, reduce_only, filled_quantity, average_price, status
                  FROM paper.orders WHERE symbol = $1 AND status IN ('NEW', 'PARTIALLY_FILLED')
                 ORDER BY created_at, client_order_id FOR UPDATE""")
                .execute(Tuple.of(tick.symbol()))
                .call(rows -> mark(tx, tick, rows.size() > 0))
                .flatMap(rows -> {
                    Uni<List<OrderUpdate>> chain = Uni.createFrom().item(new ArrayList<>());
                    for (Row row : rows) {
                        chain = chain.flatMap(done -> match(tx, tick, row).map(u -> {
                            if (u != null) {
                                done.add(u);
                            }
                            return done;
                        }));
                    }
                    return chain;
                }))
                .flatMap(this::publish);
    }

    /**
     * Keeps the symbol's latest prices for the placement check ({@link #alreadyThrough}). A symbol gets its row with
     * its first working order (an entry fills on a tick, and its stops are placed after it), so the table holds one row
     * per symbol ever traded here, not one per symbol the feed (or a hostile producer) ever named.
     */
    private Uni<Void> mark(SqlClient tx, MarketTick tick, boolean traded) {
        String sql = traded ? """
                INSERT INTO paper.marks (symbol, bid, ask, updated_at) VALUES ($1, $2, $3, $4)
                ON CONFLICT (symbol) DO UPDATE SET bid = EXCLUDED.bid, ask = EXCLUDED.ask, updated_at = EXCLUDED.updated_at"""
                : "UPDATE paper.marks SET bid = $2, ask = $3, updated_at = $4 WHERE symbol = $1";
        return tx.preparedQuery(sql).execute(Tuple.of(tick.symbol(), tick.bid(), tick.ask(),
                PositionRows.timestamp(clock.now()))).replaceWithVoid();
    }

    private Uni<OrderUpdate> match(SqlClient tx, MarketTick tick, Row order) {
        Side side = Side.valueOf(order.getString("side"));
        BigDecimal quoted = side == Side.BUY ? tick.ask() : tick.bid();
        BigDecimal trigger = order.getBigDecimal("trigger_price");
        // An order that has partly filled was triggered already: the rest fills like a market order.
        boolean triggered = "PARTIALLY_FILLED".equals(order.getString("status")) || triggers(order.getString("type"), side, quoted, trigger);
        if (!triggered) {
            return Uni.createFrom().nullItem();
        }
        PaperFees fees = PaperFees.of(config.paper(), tick.symbol());
        // Triggered at the quote; filled at the quote moved against the trader.
        BigDecimal price = fees.fillPrice(side, quoted);
        String account = order.getString("account");
        String id = order.getString("client_order_id");
        BigDecimal signed = side == Side.BUY ? BigDecimal.ONE : BigDecimal.ONE.negate();
        return tx.preparedQuery("SELECT quantity FROM paper.positions WHERE account = $1 AND symbol = $2 FOR UPDATE")
                .execute(Tuple.of(account, tick.symbol()))
                .flatMap(rows -> {
                    BigDecimal held = rows.size() == 0 ? BigDecimal.ZERO : rows.iterator().next().getBigDecimal("quantity");
                    BigDecimal before = order.getBigDecimal("filled_quantity");
                    BigDecimal averageBefore = order.getBigDecimal("average_price");
                    BigDecimal wanted = order.getBigDecimal("quantity").subtract(before);
                    BigDecimal quantity = wanted;
                    boolean clamped = false;
                    if (order.getBoolean("reduce_only")) {
                        // Reduce-only: only the part that moves the position towards zero.
                        boolean reduces = held.signum() != 0 && held.signum() != signed.signum();
                        quantity = reduces ? quantity.min(held.abs()) : BigDecimal.ZERO;
                        clamped = quantity.compareTo(wanted) < 0;
                    }
                    if (quantity.signum() == 0) {
                        return tx.preparedQuery("UPDATE paper.orders SET status = 'EXPIRED', updated_at = now() WHERE client_order_id = $1")
                                .execute(Tuple.of(id)).replaceWith(update(account, tick.symbol(), id, side, OrderStatus.EXPIRED,
                                        PositionRows.strip(before), PositionRows.strip(averageBefore),
                                        "reduce-only order would not reduce the position"));
                    }
                    // Fault injection: this trade takes only half of what is left; the order keeps working.
                    boolean partial = !clamped && faults.partialThisFill();
                    BigDecimal fill = partial ? half(quantity) : quantity;
                    BigDecimal cumulative = before.add(fill);
                    BigDecimal average = PositionRows.strip(averageBefore == null ? price
                            : averageBefore.multiply(before).add(price.multiply(fill)).divide(cumulative, java.math.MathContext.DECIMAL64));
                    OrderStatus status = partial ? OrderStatus.PARTIALLY_FILLED : OrderStatus.FILLED;
                    BigDecimal commission = fees.commission(fill, price, false);
                    var at = clock.now();
                    return tx.preparedQuery("""
                            INSERT INTO paper.positions (account, symbol, quantity) VALUES ($1, $2, $3)
                            ON CONFLICT (account, symbol) DO UPDATE SET quantity = paper.positions.quantity + EXCLUDED.quantity
                            RETURNING quantity""")
                            .execute(Tuple.of(account, tick.symbol(), fill.multiply(signed)))
                            // The history behind lagging snapshots: the net quantity from this fill on.
                            .flatMap(net -> tx.preparedQuery("""
                                    INSERT INTO paper.position_changes (account, symbol, quantity, entry_price, changed_at)
                                    VALUES ($1, $2, $3, $4, $5)""")
                                    .execute(Tuple.of(account, tick.symbol(), net.iterator().next().getBigDecimal("quantity"), price,
                                            PositionRows.timestamp(at))))
                            // updated_at is the fill's own time, so an order looked up later reports the same transaction
                            // time as its streamed fill (the watermark must not fall behind the book's change).
                            .flatMap(ignored -> tx.preparedQuery("UPDATE paper.orders SET status = $4, filled_quantity = $2, "
                                    + "average_price = $3, updated_at = $5 WHERE client_order_id = $1")
                                    .execute(Tuple.of(id, cumulative, average, status.name(), PositionRows.timestamp(at))))
                            .replaceWith(new OrderUpdate(account, name(), tick.symbol(), id, id, side, status, PositionRows.strip(cumulative),
                                    average, id + "-t" + PositionRows.strip(cumulative).toPlainString(), null, at, at,
                                    PositionRows.strip(fill), price, commission, commission == null ? null : commissionAsset(tick.symbol())));
                });
    }

    /** Paper commissions are charged in the symbol's settlement asset ({@code QUOTE} when its name does not say). */
    private String commissionAsset(String symbol) {
        String asset = settlement.of(symbol);
        return asset == null ? "QUOTE" : asset;
    }

    /** Half of a quantity, never zero: a partial fill of a quantity too small to halve takes all of it. */
    private static BigDecimal half(BigDecimal quantity) {
        BigDecimal half = quantity.divide(BigDecimal.valueOf(2), quantity.scale() + 1, java.math.RoundingMode.DOWN);
        return half.signum() > 0 && half.compareTo(quantity) < 0 ? half : quantity;
    }

    private OrderUpdate update(String account, String symbol, String clientOrderId, Side side, OrderStatus status,
            BigDecimal filled, BigDecimal price, String reason) {
        return update(account, symbol, clientOrderId, side, status, filled, price, reason, clock.now());
    }

    /** {@code now} is the venue's transaction time: for a fill, the time its position change is recorded under. */
    private OrderUpdate update(String account, String symbol, String clientOrderId, Side side, OrderStatus status,
            BigDecimal filled, BigDecimal price, String reason, Instant now) {
        return new OrderUpdate(account, name(), symbol, clientOrderId, clientOrderId, side, status, filled, price, null, reason, now, now,
                null, null);
    }

    private Uni<Void> send(OrderUpdate original) {
        // Fault injection: a venue clock gone wrong dates the update a month ahead; the service must refuse it.
        OrderUpdate u = faults.futureDateThisEvent() ? datedAhead(original, clock.now().plus(CLOCK_GONE_WRONG)) : original;
        return events.sendMessage(Message.of(u).addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(u.symbol()).build()));
    }

    private static OrderUpdate datedAhead(OrderUpdate u, Instant when) {
        return new OrderUpdate(u.account(), u.venue(), u.symbol(), u.clientOrderId(), u.venueOrderId(), u.side(), u.status(),
                u.filledQuantity(), u.averagePrice(), u.tradeId(), u.reason(), when, when, u.lastFilledQuantity(),
                u.lastFilledPrice(), u.commission(), u.commissionAsset());
    }

    private Uni<Void> publish(List<OrderUpdate> updates) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (OrderUpdate u : updates) {
            for (int copy = faults.copiesOfNextEvent(); copy > 0; copy--) {
                java.time.Duration delay = faults.delayOfNextEvent();
                if (!delay.isZero()) {
                    // Fault injection: sent later, on its own; events published meanwhile overtake it.
                    Uni.createFrom().voidItem().onItem().delayIt().by(delay).chain(() -> send(u)).subscribe().with(
                            ok -> { }, e -> io.quarkus.logging.Log.debugf("Delayed paper event lost: %s", e.toString()));
                    continue;
                }
                chain = chain.flatMap(ignored -> send(u));
            }
        }
        return chain;
    }
}
