package io.positrack.infra.quarkus;

import java.util.Map;

import io.positrack.infra.InfraSettings;
import io.positrack.infra.LocalInfrastructure;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Exposes the real broker and database to {@code @QuarkusTest} classes.
 *
 * <p>The infrastructure is started once per test JVM and shared by every test class of the module
 * (each test isolates itself with its own accounts and symbols); a shutdown hook stops it when the JVM
 * exits, so no broker or PostgreSQL process outlives the build. Init arg {@code database} names the
 * service's own database; leave it out for a service without one.
 */
public class PositrackTestInfrastructure implements QuarkusTestResourceLifecycleManager {

    private static LocalInfrastructure shared;

    private String database;

    /** The JVM-wide infrastructure, started on first use; tests use it to reach the broker and database. */
    public static synchronized LocalInfrastructure infrastructure() {
        if (shared == null) {
            LocalInfrastructure started = LocalInfrastructure.start(InfraSettings.fromEnvironment());
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "positrack-infra-stop"));
            shared = started;
        }
        return shared;
    }

    @Override
    public void init(Map<String, String> initArgs) {
        this.database = initArgs.get("database");
    }

    @Override
    public Map<String, String> start() {
        return infrastructure().quarkusConfig(database);
    }

    @Override
    public void stop() {
        // Shared for the whole JVM: stopped by the shutdown hook, not between test classes.
    }
}
