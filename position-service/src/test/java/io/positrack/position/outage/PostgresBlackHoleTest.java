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
 * Issue 16: the network to the database stalls for 6 s (a {@link FaultProxy} black hole: connections stay open, nothing
 * is forwarded, no error reaches either side) and heals. Queries hang rather than fail, so nothing is retried; what
 * matters is that readiness reports the stall and that everything resumes by itself afterwards ({@link OutageScenario}).
 */
@QuarkusTest
@WithTestResource(ProxiedPostgres.class)
class PostgresBlackHoleTest {

    @Inject
    OutboxRelay relay;

    @Inject
    PositionConfig config;

    @Test
    void commandsCaughtInAStalledNetworkToTheDatabaseAreAnsweredOnceAfterItHeals() throws Exception {
        FaultProxy postgres = ProxiedPostgres.proxy();
        new OutageScenario("PostgresBlackHoleTest", PositionTestClient.get(), relay, config.outbox().advisoryLockKey(), Database::count)
                .run(new OutageScenario.Fault() {
                    @Override
                    public void begin() {
                        postgres.blackHole();
                    }

                    @Override
                    public void end() {
                        postgres.heal();
                    }
                });
    }
}
