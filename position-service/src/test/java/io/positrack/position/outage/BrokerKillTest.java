package io.positrack.position.outage;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.positrack.infra.KafkaProcess;
import io.positrack.position.config.PositionConfig;
import io.positrack.position.outbox.OutboxRelay;
import io.positrack.position.support.Database;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue 16: the Kafka broker is killed with SIGKILL under load, stays away 6 s and is started again on the same port
 * and data. The consumers and producers reconnect by themselves; commands sent while it was away wait in the test's
 * producer and are answered once it is back, once each, with one relay leading throughout ({@link OutageScenario}).
 */
@QuarkusTest
@WithTestResource(DedicatedBroker.class)
class BrokerKillTest {

    @Inject
    OutboxRelay relay;

    @Inject
    PositionConfig config;

    @Test
    void commandsAroundAKilledAndRestartedBrokerAreAnsweredOnceAfterIt() throws Exception {
        KafkaProcess broker = DedicatedBroker.broker();
        new OutageScenario("BrokerKillTest", DedicatedBroker.client(), relay, config.outbox().advisoryLockKey(), Database::count)
                .run(new OutageScenario.Fault() {
                    @Override
                    public void begin() {
                        broker.kill();
                    }

                    @Override
                    public void end() {
                        broker.restart();
                    }
                });
    }
}
