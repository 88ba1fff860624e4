package io.positrack.position.reconciliation;

import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.positrack.contracts.position.Side;
import io.positrack.contracts.venue.VenuePositionReport;
import io.positrack.position.venue.AccountSnapshot;
import io.positrack.position.venue.ExecutionVenue;
import io.positrack.runtime.rules.OutsideClock;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Asks the venue, now, whether it holds a position. A close that the stored observation says would need no order
 * is re-checked with it before the position is closed without one: a stored "flat" is only evidence, and a wrong
 * one leaves a real position open on the venue with nothing protecting it.
 */
@ApplicationScoped
public class HoldingCheck {

    /** What the venue's fresh answer says. */
    public enum Holding {
        /** It holds some of the position's side. */
        HELD,
        /** A complete, current answer that knows the last applied fill shows none of it. */
        NONE,
        /** No answer that could say "none": failed, partial, dated beyond our clock, or older than the last fill. */
        UNKNOWN
    }

    /** The reason of the refusal recorded for an exit when the fresh answer says the venue holds none. */
    public static final String SAID_NONE = "the venue holds none of the position (fresh lookup before the exit)";

    /** Whether {@code u} is that refusal: the venue has just said it holds none. */
    public static boolean saidNone(io.positrack.contracts.venue.OrderUpdate u) {
        return u.status() == io.positrack.contracts.venue.OrderStatus.REJECTED && SAID_NONE.equals(u.reason());
    }

    private final Pool pool;
    private final VenueWatermarks watermarks;
    private final OutsideClock clock;

    public HoldingCheck(Pool pool, VenueWatermarks watermarks, OutsideClock clock) {
        this.pool = pool;
        this.watermarks = watermarks;
        this.clock = clock;
    }

    public Uni<Holding> of(ExecutionVenue venue, String account, String symbol, Side positionSide) {
        return venue.snapshot(account)
                .flatMap(snapshot -> watermarks.current(pool, account, venue.name(), symbol)
                        .map(watermark -> decide(snapshot, symbol, positionSide, watermark,
                                clock.asOf(OutsideClock.Source.VENUE, "asOf", snapshot.asOf()).isEmpty())))
                .onFailure().recoverWithItem(Holding.UNKNOWN);
    }

    static Holding decide(AccountSnapshot snapshot, String symbol, Side positionSide, Optional<Instant> watermark,
            boolean asOfWithinClock) {
        Optional<VenuePositionReport> line = snapshot.positions().stream().filter(r -> r.symbol().equals(symbol)).findFirst();
        if (line.isPresent() && line.get().side() == positionSide && line.get().quantity().signum() > 0) {
            return Holding.HELD; // holding is believed whatever its time: the exit is reduce-only anyway
        }
        Instant asOf = line.map(VenuePositionReport::asOf).orElse(snapshot.asOf());
        boolean current = asOf != null && asOfWithinClock && watermark.map(w -> asOf.isAfter(w)).orElse(true);
        boolean complete = snapshot.complete() && line.map(VenuePositionReport::complete).orElse(true);
        return complete && current ? Holding.NONE : Holding.UNKNOWN;
    }
}
