package io.positrack.position.charges;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
import io.positrack.contracts.position.PositionEventType;
import io.positrack.contracts.position.PositionSnapshot;
import io.positrack.contracts.venue.FundingPayment;
import io.positrack.position.lifecycle.PositionChange;
import io.positrack.position.lifecycle.PositionRepository;
import io.positrack.position.lifecycle.PositionRows;
import io.positrack.position.lifecycle.TransitionWriter;
import io.positrack.position.support.Clock;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Books one funding payment on the position it belongs to: the position of its (account, venue, symbol) that held
 * something at the funding time ({@link PositionRepository#heldAtForUpdate}), so a payment reported after the close
 * still lands on the position that earned or paid it. Once per payment id ({@code funding_payments}), in one
 * transaction with its {@code PositionChargesRecorded} transition. A payment no position of ours held (the account
 * traded by hand) is kept with outcome {@code no_position} and counted; one in another asset than the symbol's
 * settlement asset is kept as {@code other_asset} and changes no PnL.
 */
@ApplicationScoped
public class FundingHandler {

    private final Pool pool;
    private final PositionRepository positions;
    private final TransitionWriter transitions;
    private final SettlementAssets settlement;
    private final Clock clock;
    private final MeterRegistry registry;

    public FundingHandler(Pool pool, PositionRepository positions, TransitionWriter transitions, SettlementAssets settlement, Clock clock,
            MeterRegistry registry) {
        this.pool = pool;
        this.positions = positions;
        this.transitions = transitions;
        this.settlement = settlement;
        this.clock = clock;
        this.registry = registry;
    }

    public Uni<Void> apply(FundingPayment f) {
        return pool.withTransaction(tx -> positions.heldAtForUpdate(tx, f.account(), f.venue(), f.symbol(), f.time())
                .flatMap(held -> {
                    String asset = settlement.of(f.symbol());
                    boolean counts = asset == null || asset.equals(f.asset());
                    String outcome = held.isEmpty() ? "no_position" : counts ? "applied" : "other_asset";
                    return record(tx, f, held.map(PositionSnapshot::id), outcome)
                            .flatMap(first -> !first ? counted("duplicate")
                                    : !"applied".equals(outcome) ? counted(outcome)
                                    : book(tx, held.get(), f));
                }));
    }

    private Uni<Void> book(SqlClient tx, PositionSnapshot p, FundingPayment f) {
        PositionSnapshot charged = Charges.funding(p, f.amount());
        if (!Charges.changed(p, charged)) {
            return counted("zero");
        }
        return transitions.transition(tx, charged, PositionChange.of(charged).next(clock.now()), PositionEventType.PositionChargesRecorded,
                "venue:funding:" + f.paymentId())
                .invoke(written -> Log.infof("Position #%d (%s %s): funding %s %s booked (%s)", p.id(), p.account(), p.symbol(),
                        f.amount().toPlainString(), f.asset(), f.paymentId()))
                .flatMap(written -> counted("applied"));
    }

    /** True when this payment id is new; a redelivered payment finds its row and changes nothing. */
    private Uni<Boolean> record(SqlClient tx, FundingPayment f, Optional<Long> positionId, String outcome) {
        return tx.preparedQuery("""
                INSERT INTO funding_payments (venue, account, payment_id, symbol, asset, amount, paid_at, position_id, outcome)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING""")
                .execute(Tuple.from(new Object[] { f.venue(), f.account(), f.paymentId(), f.symbol(), f.asset(), f.amount(),
                        PositionRows.timestamp(f.time()), positionId.orElse(null), outcome }))
                .map(rows -> rows.rowCount() == 1);
    }

    private Uni<Void> counted(String outcome) {
        registry.counter("positrack.venue.funding_payments", "outcome", outcome).increment();
        return Uni.createFrom().voidItem();
    }
}
