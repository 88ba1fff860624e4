package io.positrack.position.outage;

import java.util.Map;

import io.positrack.infra.InfraSettings;
import io.positrack.infra.LocalInfrastructure;
import io.positrack.infra.PostgresNode;
import io.positrack.infra.quarkus.PositrackTestInfrastructure;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The shared broker, and a PostgreSQL server of the test's own that it can stop and restart without disturbing the
 * server other test classes share. Durable (fsync and synchronous commit on): an immediate stop of the library's fast
 * default would lose commits the service had already acknowledged, which is a property of that setting, not of the
 * service (see {@link InfraSettings#durablePostgres()}).
 */
public class DedicatedPostgres implements QuarkusTestResourceLifecycleManager {

    private static PostgresNode node;
    private static PostgresNode.Database database;

    static synchronized PostgresNode node() {
        return node;
    }

    /** A count from the service's database, straight to the server. */
    static long count(String sql, Object... params) {
        return database.count(sql, params);
    }

    @Override
    public synchronized Map<String, String> start() {
        LocalInfrastructure shared = PositrackTestInfrastructure.infrastructure();
        node = PostgresNode.start(shared.settings().withTemporaryData().withDurablePostgres(true));
        database = node.database("position");
        Map<String, String> config = SharedConfig.of(null);
        config.put("quarkus.datasource.jdbc.url", database.jdbcUrl());
        config.put("quarkus.datasource.reactive.url", database.reactiveUrl());
        config.put("quarkus.datasource.username", database.user());
        config.put("quarkus.datasource.password", database.password());
        return config;
    }

    @Override
    public synchronized void stop() {
        if (node != null) {
            node.close();
            node = null;
        }
    }
}
