package io.positrack.position.reconciliation;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.positrack.contracts.Topics;
import io.positrack.contracts.alert.Alert;
import io.positrack.contracts.position.PositionEventType;
import io.positrack.contracts.position.PositionSnapshot;
import io.positrack.position.config.PositionConfig;
import io.positrack.position.lifecycle.PositionChange;
import io.positrack.position.lifecycle.TransitionWriter;
import io.positrack.position.outbox.OutboxMessage;
import io.positrack.position.outbox.OutboxWriter;
import io.positrack.position.support.Clock;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The position's open size follows the venue's, recorded as a {@code PositionAdjusted} event. Beyond
 * {@code positrack.position.reconciliation.size-tolerance}, in the same transaction, new entries on the
 * symbol are blocked ({@code entry_blocks}) and a {@code SIZE_MISMATCH} alert goes to {@code alerts}.
 */
@ApplicationScoped
public class SizeAdjustment {

    private final TransitionWriter transitions;
    private final OutboxWriter outbox;
    private final Clock clock;
    private final BigDecimal tolerance;
    private final Counter blocked;

    public SizeAdjustment(TransitionWriter transitions, OutboxWriter outbox, Clock clock, PositionConfig config, MeterRegistry registry) {
        this.transitions = transitions;
        this.outbox = outbox;
        this.clock = clock;
        this.tolerance = config.reconciliation().sizeTolerance();
        this.blocked = registry.counter("positrack.reconciliation.entries_blocked");
    }

    public Uni<PositionSnapshot> adjust(SqlClient tx, PositionSnapshot p, BigDecimal venueQuantity, String cause) {
        BigDecimal quantity = p.quantity().max(venueQuantity);
        BigDecimal filled = p.filledQuantity().max(venueQuantity);
        PositionSnapshot next = PositionChange.of(p).quantity(quantity).filled(filled, venueQuantity, p.entryPrice()).next(clock.now());
        BigDecimal deviation = deviation(p.remainingQuantity(), venueQuantity);
        return transitions.transition(tx, p, next, PositionEventType.PositionAdjusted, cause)
                .invoke(written -> Log.infof("Position #%d adjusted to the venue: open quantity %s -> %s", p.id(),
                        p.remainingQuantity().toPlainString(), venueQuantity.toPlainString()))
                .call(written -> deviation.compareTo(tolerance) > 0 ? block(tx, p, venueQuantity, deviation) : Uni.createFrom().voidItem());
    }

    /** |ours - venue| / ours; 1 when we thought we held nothing. */
    static BigDecimal deviation(BigDecimal ours, BigDecimal venue) {
        if (ours.signum() == 0) {
            return BigDecimal.ONE;
        }
        return ours.subtract(venue).abs().divide(ours, MathContext.DECIMAL64);
    }

    private Uni<Void> block(SqlClient tx, PositionSnapshot p, BigDecimal venueQuantity, BigDecimal deviation) {
        String reason = "venue size %s differs from ours %s by %s, beyond the tolerance %s".formatted(venueQuantity.toPlainString(),
                p.remainingQuantity().toPlainString(), deviation.stripTrailingZeros().toPlainString(), tolerance.toPlainString());
        Alert alert = new Alert(UUID.randomUUID().toString(), Alert.SIZE_MISMATCH, p.account(), p.venue(), p.symbol(), p.id(),
                "New entries on %s are blocked: %s".formatted(p.symbol(), reason),
                Map.of("ourQuantity", p.remainingQuantity().toPlainString(), "venueQuantity", venueQuantity.toPlainString(),
                        "tolerance", tolerance.toPlainString()),
                clock.now());
        Log.warnf("Position #%d (%s %s): %s; new entries blocked until an operator lifts the block", p.id(), p.account(), p.symbol(),
                reason);
        blocked.increment();
        return tx.preparedQuery("""
                INSERT INTO entry_blocks (account, venue, symbol, reason, position_id) VALUES ($1, $2, $3, $4, $5)
                ON CONFLICT (account, venue, symbol) DO NOTHING""")
                .execute(Tuple.of(p.account(), p.venue(), p.symbol(), reason, p.id()))
                .flatMap(ignored -> outbox.enqueue(tx, OutboxMessage.of(Topics.ALERTS, p.symbol(), "alert-" + alert.alertId(),
                        "io.positrack.alert." + alert.type(), Long.toString(p.id()), alert)));
    }
}
