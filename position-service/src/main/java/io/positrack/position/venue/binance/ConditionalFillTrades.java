package io.positrack.position.venue.binance;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.MeterRegistry;
import io.positrack.contracts.venue.OrderStatus;
import io.positrack.contracts.venue.OrderUpdate;
import io.positrack.position.venue.MissedTrades;
import io.positrack.position.venue.VenueTrade;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * The commission of a stop loss's or take profit's fill, which {@code ALGO_UPDATE} does not carry: the trades of the
 * matching engine's order its trigger placed ({@code ai}, the fill's {@code venueOrderId}) are listed (Account Trade
 * List, {@link BinanceVenue#trades}) and published, each as the stream publishes an {@code ORDER_TRADE_UPDATE} trade,
 * <em>before</em> the fill, so that the close already carries the exit fee.
 *
 * <p>The close never waits on the list for long: after {@link #WAIT} the fill is published alone and the list is
 * still asked for ({@link #RETRIES} retries, {@link #RETRY_BACKOFF} doubling to {@link #RETRY_BACKOFF_MAX}). Trades
 * listed late are published all the same: applied to the closed position, their commission is booked as
 * {@code PositionChargesRecorded} (the handler's one home for a charge that moves no quantity). Every copy of a trade,
 * from this list, a lookup's or a second replica's, carries Binance's trade id and is charged once (inbox and ledger).
 * A list that does not cover the fill's quantity yet counts as not read: Binance's trade list may lag its stream.
 *
 * <p>Outcomes: {@code positrack.binance.conditional_trades{outcome=listed|retrying|listed_late|failed|not_named}}.
 */
@ApplicationScoped
public class ConditionalFillTrades {

    static final String METRIC = "positrack.binance.conditional_trades";
    /** How long a fill waits for its trades before it is published alone. */
    static final Duration WAIT = Duration.ofSeconds(2);
    static final int RETRIES = 3;
    static final Duration RETRY_BACKOFF = Duration.ofMillis(500);
    static final Duration RETRY_BACKOFF_MAX = Duration.ofSeconds(5);

    /** The trades of the order a fill names. */
    @FunctionalInterface
    interface Lister {
        Uni<List<VenueTrade>> trades(OrderUpdate fill);
    }

    /** The list does not yet hold the whole fill (Binance's trade list lagging its stream): asked again. */
    static final class Incomplete extends RuntimeException {
        Incomplete(String message) {
            super(message, null, false, false);
        }
    }

    private final Lister lister;
    private final MeterRegistry registry;
    private final Duration wait;
    private final Duration backoff;

    @Inject
    public ConditionalFillTrades(BinanceVenue venue, MeterRegistry registry) {
        this(fill -> venue.trades(fill.account(), fill.symbol(), fill), registry, WAIT, RETRY_BACKOFF);
    }

    ConditionalFillTrades(Lister lister, MeterRegistry registry, Duration wait, Duration backoff) {
        this.lister = lister;
        this.registry = registry;
        this.wait = wait;
        this.backoff = backoff;
    }

    /** Whether the fill names the matching engine's order whose trades it is: without it there is nothing to list. */
    static boolean named(OrderUpdate fill) {
        return fill.status() == OrderStatus.FILLED && MissedTrades.filledAny(fill) && fill.venueOrderId() != null;
    }

    /**
     * The updates to publish for the listed trades of {@code fill}, oldest first, each with its trade id, quantity,
     * price and commission ({@link MissedTrades#missing}, with no trade held: copies are told apart downstream); empty
     * when the list does not hold the fill's whole quantity yet.
     */
    static Optional<List<OrderUpdate>> updates(OrderUpdate fill, List<VenueTrade> trades) {
        BigDecimal listed = BigDecimal.ZERO;
        for (VenueTrade t : trades) {
            if (t.quantity() != null && t.quantity().signum() > 0 && t.price() != null && t.price().signum() > 0) {
                listed = listed.add(t.quantity());
            }
        }
        if (listed.compareTo(fill.filledQuantity()) < 0) {
            return Optional.empty();
        }
        return Optional.of(MissedTrades.missing(fill, trades, Map.of()));
    }

    /**
     * Publishes the trades of a filled stop loss or take profit, then the fill, through {@code send}: the fill after
     * {@link #WAIT} at the latest, the trades whenever they are listed. Returns at once.
     */
    public void publish(OrderUpdate fill, Consumer<OrderUpdate> send) {
        if (!named(fill)) {
            count("not_named");
            Log.warnf("%s (%s) filled without naming its matching-engine order: its commission cannot be listed", fill.clientOrderId(),
                    fill.symbol());
            send.accept(fill);
            return;
        }
        Pending pending = new Pending(fill, send);
        Uni.createFrom().deferred(() -> lister.trades(fill))
                .map(trades -> updates(fill, trades).orElseThrow(() -> new Incomplete("the trade list of order " + fill.venueOrderId()
                        + " does not hold its fill of " + fill.filledQuantity().toPlainString() + " yet")))
                // No jitter: one list per fill, and the times stay what the docs say (0.5, 1.5, 3.5 s after the first).
                .onFailure().retry().withBackOff(backoff, RETRY_BACKOFF_MAX).withJitter(0).atMost(RETRIES)
                .subscribe().with(pending::listed, pending::failed);
        Uni.createFrom().voidItem().onItem().delayIt().by(wait).subscribe().with(ignored -> pending.waited());
    }

    /** One fill between its trades and itself: the fill is sent once, whichever comes first. */
    private final class Pending {

        private final OrderUpdate fill;
        private final Consumer<OrderUpdate> send;
        private boolean fillSent;

        Pending(OrderUpdate fill, Consumer<OrderUpdate> send) {
            this.fill = fill;
            this.send = send;
        }

        synchronized void listed(List<OrderUpdate> trades) {
            trades.forEach(send);
            if (sendFill()) {
                count("listed");
            } else {
                count("listed_late");
                Log.infof("%s (%s): %d trades listed after its fill was published; their commission is booked on the position",
                        fill.clientOrderId(), fill.symbol(), trades.size());
            }
        }

        synchronized void waited() {
            if (sendFill()) {
                count("retrying");
                Log.infof("%s (%s): its trades are not listed after %d ms; the fill is published, the list still asked for",
                        fill.clientOrderId(), fill.symbol(), wait.toMillis());
            }
        }

        synchronized void failed(Throwable e) {
            count("failed");
            Log.warnf("%s (%s): the trades of order %s could not be listed (%s): the exit commission is not booked",
                    fill.clientOrderId(), fill.symbol(), fill.venueOrderId(), e.toString());
            sendFill();
        }

        /** Sends the fill unless it was sent already; true when this call sent it. */
        private boolean sendFill() {
            if (fillSent) {
                return false;
            }
            fillSent = true;
            send.accept(fill);
            return true;
        }
    }

    private void count(String outcome) {
        registry.counter(METRIC, "outcome", outcome).increment();
    }
}
