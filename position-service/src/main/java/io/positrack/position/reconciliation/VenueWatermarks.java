package io.positrack.position.reconciliation;

import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.positrack.position.lifecycle.PositionRows;
import io.positrack.runtime.rules.OutsideClock;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The latest venue time applied per (account, venue, symbol): the transaction time of the last fill that
 * changed the venue position. It only moves forward. A position report older than it is stale.
 */
@ApplicationScoped
public class VenueWatermarks {

    private final OutsideClock clock;

    public VenueWatermarks(OutsideClock clock) {
        this.clock = clock;
    }

    /**
     * Moves the key's watermark to {@code venueTime} if later. A time ahead of our clock never becomes a watermark
     * (I14), whatever path it came by (stream, lookup): it would make every true report after it stale.
     */
    public Uni<Void> advance(SqlClient client, String account, String venue, String symbol, Instant venueTime) {
        if (!clock.asOf(OutsideClock.Source.VENUE, "watermark", venueTime).isEmpty()) {
            Log.warnf("Not moving the watermark of %s/%s/%s to %s: ahead of our clock", account, venue, symbol, venueTime);
            return Uni.createFrom().voidItem();
        }
        return client.preparedQuery("""
                INSERT INTO venue_watermarks (account, venue, symbol, venue_time) VALUES ($1, $2, $3, $4)
                ON CONFLICT (account, venue, symbol) DO UPDATE SET venue_time = GREATEST(venue_watermarks.venue_time, EXCLUDED.venue_time)""")
                .execute(Tuple.of(account, venue, symbol, PositionRows.timestamp(venueTime)))
                .replaceWithVoid();
    }

    public Uni<Optional<Instant>> current(SqlClient client, String account, String venue, String symbol) {
        return client.preparedQuery("SELECT venue_time FROM venue_watermarks WHERE account = $1 AND venue = $2 AND symbol = $3")
                .execute(Tuple.of(account, venue, symbol))
                .map(rows -> rows.size() == 0 ? Optional.<Instant>empty()
                        : Optional.of(rows.iterator().next().getOffsetDateTime("venue_time").toInstant()));
    }
}
