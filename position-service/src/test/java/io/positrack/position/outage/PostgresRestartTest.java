package io.positrack.position.outage;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.positrack.infra.PostgresNode;
import io.positrack.position.config.PositionConfig;
import io.positrack.position.outbox.OutboxRelay;
import io.positrack.position.support.PositionTestClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue 16: the service's PostgreSQL server itself stops immediately under load (every backend quits, no checkpoint),
 * stays down 6 s and starts again on the same data, replaying its WAL: the service sees connections terminated by the
 * server (57P01), refused, then "starting up" (57P03) before it works again. Same outcome as {@link PostgresOutageTest}
 * ({@link OutageScenario}).
 */
@QuarkusTest
@WithTestResource(DedicatedPostgres.class)
class PostgresRestartTest {

    @Inject
    OutboxRelay relay;

    @Inject
    PositionConfig config;

    @Test
    void commandsCaughtInAnImmediateRestartOfTheServerAreAnsweredOnceAfterIt() throws Exception {
        PostgresNode postgres = DedicatedPostgres.node();
        new OutageScenario("PostgresRestartTest", PositionTestClient.get(), relay, config.outbox().advisoryLockKey(),
                DedicatedPostgres::count)
                .relayLosesLeadership()
                .run(new OutageScenario.Fault() {
                    @Override
                    public void begin() {
                        postgres.stopImmediately();
                    }

                    @Override
                    public void end() {
                        postgres.restart();
                    }
                });
    }
}
