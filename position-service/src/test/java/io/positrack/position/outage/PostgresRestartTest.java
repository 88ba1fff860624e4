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
 * ({@link OutageScenario}). The second test kills every server process with SIGKILL instead, as when the database's
 * container or the local run's PostgreSQL is killed: with the durable settings the local run uses by default
 * (fsync and synchronous commit on), nothing that was answered is lost (every answered command is in the inbox).
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

    @Test
    void commandsCaughtInASigkillOfTheServerAreAnsweredOnceAndNothingAnsweredIsLost() throws Exception {
        PostgresNode postgres = DedicatedPostgres.node();
        new OutageScenario("PostgresRestartTest (SIGKILL)", PositionTestClient.get(), relay, config.outbox().advisoryLockKey(),
                DedicatedPostgres::count)
                .relayLosesLeadership()
                .run(new OutageScenario.Fault() {
                    @Override
                    public void begin() {
                        postgres.kill();
                    }

                    @Override
                    public void end() {
                        postgres.restart();
                    }
                });
    }
}
