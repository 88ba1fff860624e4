package io.positrack.position.reconciliation;

import jakarta.enterprise.context.ApplicationScoped;

import io.positrack.contracts.position.PositionSnapshot;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * Sizes an exit by the freshest venue report, when one that knows the last applied fill exists: the
 * venue holds less → the position is adjusted first (a {@code PositionAdjusted} event, an entry block beyond
 * the tolerance) and the exit is for what the venue holds; the venue holds nothing, or only the other side
 * → no order at all. Without a fresh report the exit is for the recorded size; it is reduce-only anyway,
 * so the venue cannot be made to hold more than it did. Used by a close command and by a new exit attempt
 * after the venue refused or expired the previous one.
 */
@ApplicationScoped
public class ExitSizing {

    /** What the exit should be. */
    public sealed interface Sized {
    }

    /** The venue holds none of the position: close it as reconciled, place nothing. */
    public record NothingHeld() implements Sized {
    }

    /** Exit {@code position.remainingQuantity()}; {@code position} is the adjusted version when the venue holds less. */
    public record Exit(PositionSnapshot position) implements Sized {
    }

    private final VenuePositions venuePositions;
    private final SizeAdjustment sizes;

    public ExitSizing(VenuePositions venuePositions, SizeAdjustment sizes) {
        this.venuePositions = venuePositions;
        this.sizes = sizes;
    }

    public Uni<Sized> size(SqlClient tx, PositionSnapshot p) {
        return venuePositions.fresh(tx, p.account(), p.venue(), p.symbol()).flatMap(known -> {
            if (known.isEmpty() || known.get().side() == p.side() && known.get().quantity().compareTo(p.remainingQuantity()) >= 0) {
                return Uni.createFrom().item(new Exit(p));
            }
            if (known.get().flat() || known.get().side() != p.side()) {
                return Uni.createFrom().item(new NothingHeld());
            }
            // The adjustment is the venue report's doing, not the command's: it carries the report as its cause, so
            // a command still has exactly one transition of its own (the exit that follows).
            return sizes.adjust(tx, p, known.get().quantity(), "reconciliation:" + known.get().reportId()).map(Exit::new);
        });
    }
}
