package io.positrack.position.outage;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.positrack.infra.fault.FaultProxy;
import io.positrack.position.config.PositionConfig;
import io.positrack.position.outbox.OutboxRelay;
import io.positrack.position.support.Database;
import io.positrack.position.support.PositionTestClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue 16: the service's database goes away under load for 6 s (every connection reset, new ones refused, through a
 * {@link FaultProxy}) and comes back. Nothing is restarted by hand: the pool and the outbox relay's leader connection
 * reconnect, the commands caught in the outage are retried rather than dead-lettered, each ends with exactly one
 * result, one relay leads again, and readiness is DOWN during the outage and UP afterwards by itself
 * ({@link OutageScenario}).
 */
@QuarkusTest
@WithTestResource(ProxiedPostgres.class)
class PostgresOutageTest {

    @Inject
    OutboxRelay relay;

    @Inject
    PositionConfig config;

    @Test
    void commandsCaughtInADatabaseOutageAreAnsweredOnceAfterItAndTheServiceRecoversByItself() throws Exception {
        FaultProxy postgres = ProxiedPostgres.proxy();
        new OutageScenario("PostgresOutageTest", PositionTestClient.get(), relay, config.outbox().advisoryLockKey(), Database::count)
                .relayLosesLeadership()
                .run(new OutageScenario.Fault() {
                    @Override
                    public void begin() {
                        postgres.down();
                        postgres.cutAll();
                    }

                    @Override
                    public void end() {
                        postgres.up();
                    }
                });
    }
}
