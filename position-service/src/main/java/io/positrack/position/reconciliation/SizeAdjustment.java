package io.positrack.position.reconciliation;

import java.math.BigDecimal;

import jakarta.enterprise.context.ApplicationScoped;

import io.positrack.contracts.position.PositionEventType;
import io.positrack.contracts.position.PositionSnapshot;
import io.positrack.position.lifecycle.PositionChange;
import io.positrack.position.lifecycle.TransitionWriter;
import io.positrack.position.support.Clock;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

/** The position's open size follows the venue's, recorded as a {@code PositionAdjusted} event. */
@ApplicationScoped
public class SizeAdjustment {

    private final TransitionWriter transitions;
    private final Clock clock;

    public SizeAdjustment(TransitionWriter transitions, Clock clock) {
        this.transitions = transitions;
        this.clock = clock;
    }

    public Uni<PositionSnapshot> adjust(SqlClient tx, PositionSnapshot p, BigDecimal venueQuantity, String cause) {
        BigDecimal quantity = p.quantity().max(venueQuantity);
        BigDecimal filled = p.filledQuantity().max(venueQuantity);
        PositionSnapshot next = PositionChange.of(p).quantity(quantity).filled(filled, venueQuantity, p.entryPrice()).next(clock.now());
        return transitions.transition(tx, p, next, PositionEventType.PositionAdjusted, cause).invoke(written -> Log.infof(
                "Position #%d adjusted to the venue: open quantity %s -> %s", p.id(), p.remainingQuantity().toPlainString(),
                venueQuantity.toPlainString()));
    }
}
