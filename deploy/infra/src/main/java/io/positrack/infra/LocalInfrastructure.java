package io.positrack.infra;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.positrack.contracts.Topics;

/**
 * The broker and the database together, with the project's topics created: what a service needs
 * around it to run for real. Used by every service's tests and by the local run.
 */
public final class LocalInfrastructure implements AutoCloseable {

    private final InfraSettings settings;
    private final KafkaNode kafka;
    private final PostgresNode postgres;

    private LocalInfrastructure(InfraSettings settings, KafkaNode kafka, PostgresNode postgres) {
        this.settings = settings;
        this.kafka = kafka;
        this.postgres = postgres;
    }

    public static LocalInfrastructure start(InfraSettings settings) {
        KafkaNode kafka = KafkaNode.start(settings.dataDirectory());
        try {
            kafka.createTopics(Topics.allWithDeadLetters(), settings.partitions());
            // Leader election for the Telegram poller: the owner of the single partition polls.
            kafka.createTopics(List.of(Topics.TELEGRAM_POLLER_LEADER), 1);
            PostgresNode postgres = PostgresNode.start(settings);
            return new LocalInfrastructure(settings, kafka, postgres);
        } catch (RuntimeException e) {
            kafka.close();
            throw e;
        }
    }

    public KafkaNode kafka() {
        return kafka;
    }

    public PostgresNode postgres() {
        return postgres;
    }

    public InfraSettings settings() {
        return settings;
    }

    /**
     * The Quarkus configuration that points a service at this infrastructure.
     *
     * @param database the service's own database name, or {@code null} for a service without one
     */
    public Map<String, String> quarkusConfig(String database) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        config.put("positrack.topics.partitions", Integer.toString(settings.partitions()));
        if (database != null) {
            PostgresNode.Database db = postgres.database(database);
            config.put("quarkus.datasource.jdbc.url", db.jdbcUrl());
            config.put("quarkus.datasource.reactive.url", db.reactiveUrl());
            config.put("quarkus.datasource.username", db.user());
            config.put("quarkus.datasource.password", db.password());
        }
        // Nothing may try to start containers: there is no Docker on our machines or in CI.
        config.put("quarkus.devservices.enabled", "false");
        return config;
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } finally {
            kafka.close();
        }
    }
}
