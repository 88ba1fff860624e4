package io.positrack.gateway.maintenance;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import io.positrack.gateway.config.GatewayConfig;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Deletes dedupe records older than the retention: Telegram redelivers an update for at most 24 hours and Kafka
 * redelivers results within minutes, so a week of history is far more than "once" needs.
 */
@ApplicationScoped
public class RetentionPurge {

    private final Pool pool;
    private final GatewayConfig config;

    public RetentionPurge(Pool pool, GatewayConfig config) {
        this.pool = pool;
        this.config = config;
    }

    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purge() {
        OffsetDateTime cutoff = OffsetDateTime.ofInstant(Instant.now().minus(config.retention()), ZoneOffset.UTC);
        return pool.preparedQuery("DELETE FROM processed_updates WHERE processed_at < $1").execute(Tuple.of(cutoff))
                .chain(updates -> pool.preparedQuery("DELETE FROM sent_replies WHERE claimed_at < $1").execute(Tuple.of(cutoff))
                        .invoke(replies -> {
                            if (updates.rowCount() + replies.rowCount() > 0) {
                                Log.infof("Purged %d processed updates and %d reply records older than %s", updates.rowCount(),
                                        replies.rowCount(), config.retention());
                            }
                        }))
                .replaceWithVoid();
    }
}
