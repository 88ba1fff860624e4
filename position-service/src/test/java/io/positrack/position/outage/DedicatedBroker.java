package io.positrack.position.outage;

import java.util.List;
import java.util.Map;

import io.positrack.contracts.Topics;
import io.positrack.infra.KafkaProcess;
import io.positrack.infra.LocalInfrastructure;
import io.positrack.infra.quarkus.PositrackTestInfrastructure;
import io.positrack.position.support.PositionTestClient;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The shared database, and a Kafka broker of the test's own in a process of its own ({@link KafkaProcess}), which the
 * test kills and restarts without disturbing the broker other test classes share.
 */
public class DedicatedBroker implements QuarkusTestResourceLifecycleManager {

    private static KafkaProcess broker;
    private static PositionTestClient client;

    static synchronized KafkaProcess broker() {
        return broker;
    }

    /** Commands in, results and events out, on this broker. */
    static synchronized PositionTestClient client() {
        return client;
    }

    @Override
    public synchronized Map<String, String> start() {
        LocalInfrastructure shared = PositrackTestInfrastructure.infrastructure();
        broker = KafkaProcess.start();
        broker.createTopics(Topics.allWithDeadLetters(), shared.settings().partitions());
        broker.createTopics(List.of(Topics.TELEGRAM_POLLER_LEADER), 1);
        client = PositionTestClient.connect(broker.bootstrapServers());
        Map<String, String> config = SharedConfig.of("position");
        config.put("kafka.bootstrap.servers", broker.bootstrapServers());
        return config;
    }

    @Override
    public synchronized void stop() {
        if (client != null) {
            client.close();
            client = null;
        }
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }
}
