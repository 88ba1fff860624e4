package io.positrack.position.outage;

import java.util.LinkedHashMap;
import java.util.Map;

import io.positrack.infra.quarkus.PositrackTestInfrastructure;

/**
 * What {@link PositrackTestInfrastructure} gives every {@code @QuarkusTest} (the shared broker and database, the test
 * keys, the management port), for the outage resources to start from and then point the service elsewhere.
 */
final class SharedConfig {

    private SharedConfig() {
    }

    /** @param database the service's database on the shared server, or {@code null} for none */
    static Map<String, String> of(String database) {
        PositrackTestInfrastructure shared = new PositrackTestInfrastructure();
        shared.init(database == null ? Map.of() : Map.of("database", database));
        return new LinkedHashMap<>(shared.start());
    }
}
