package io.positrack.position.outage;

import java.util.Map;

import io.positrack.infra.LocalInfrastructure;
import io.positrack.infra.fault.FaultProxy;
import io.positrack.infra.quarkus.PositrackTestInfrastructure;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The shared test infrastructure, with the service's database reached through a {@link FaultProxy}: the test breaks
 * the service's connections (pool, relay leader connection, Flyway's) without stopping the PostgreSQL server other
 * test classes in the JVM share. The test's own JDBC checks go straight to the server.
 */
public class ProxiedPostgres implements QuarkusTestResourceLifecycleManager {

    private static FaultProxy proxy;

    /** The proxy between the service and its database, once the resource has started. */
    static synchronized FaultProxy proxy() {
        return proxy;
    }

    @Override
    public synchronized Map<String, String> start() {
        LocalInfrastructure infra = PositrackTestInfrastructure.infrastructure();
        int port = infra.postgres().port();
        proxy = FaultProxy.to(port);
        Map<String, String> config = SharedConfig.of("position");
        for (String key : new String[] {"quarkus.datasource.jdbc.url", "quarkus.datasource.reactive.url"}) {
            config.put(key, config.get(key).replace(":" + port + "/", ":" + proxy.port() + "/"));
        }
        return config;
    }

    @Override
    public synchronized void stop() {
        if (proxy != null) {
            proxy.close();
            proxy = null;
        }
    }
}
