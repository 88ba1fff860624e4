package io.positrack.infra.quarkus;

import java.util.Map;

import io.positrack.infra.InfraSettings;
import io.positrack.infra.LocalInfrastructure;
import io.positrack.infra.security.TestKeys;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Exposes the real broker and database to {@code @QuarkusTest} classes.
 *
 * <p>The infrastructure is started once per test JVM and shared by every test class of the module
 * (each test isolates itself with its own accounts and symbols); a shutdown hook stops it when the JVM
 * exits, so no broker or PostgreSQL process outlives the build. Init arg {@code database} names the
 * service's own database; leave it out for a service without one. The {@link TestKeys} are configured too.
 */
public class PositrackTestInfrastructure implements QuarkusTestResourceLifecycleManager {

    private static LocalInfrastructure shared;
    private static int packagedManagementPort;

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
        Map<String, String> config = new java.util.LinkedHashMap<>(infrastructure().quarkusConfig(database));
        config.putAll(TestKeys.config());
        // A @QuarkusIntegrationTest runs the packaged application with its production management port (9081...);
        // give it a free one instead. A @QuarkusTest ignores this key (quarkus.management.test-port=0 rules there).
        config.put("quarkus.management.port", Integer.toString(packagedManagementPort()));
        return config;
    }

    /** The management port of the application a {@code @QuarkusIntegrationTest} of this JVM runs. */
    public static synchronized int packagedManagementPort() {
        if (packagedManagementPort == 0) {
            try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
                packagedManagementPort = socket.getLocalPort();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return packagedManagementPort;
    }

    @Override
    public void stop() {
        // Shared for the whole JVM: stopped by the shutdown hook, not between test classes.
    }
}
