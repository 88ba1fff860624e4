package io.positrack.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One Positrack service running from its packaged artifact ({@code target/quarkus-app/quarkus-run.jar})
 * in a process of its own, as it runs in production: used by the crash tests (kill -9 and restart), the
 * benchmarks and the local run.
 *
 * <p>Configuration goes to the child as system properties, except secrets (passwords, tokens), which go
 * through its environment so that they never show in {@code ps} output.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    /** What follows the JVM options: {@code -jar <jar>}, or {@code -cp <class path> <main class> <arguments>}. */
    private final List<String> program;
    private final Map<String, String> config;
    private final Path log;
    private final int httpPort;
    private final int managementPort;
    private final List<String> jvmOptions = new ArrayList<>();
    private Process process;

    private ServiceProcess(String name, List<String> program, Map<String, String> config, Path log, int httpPort, int managementPort) {
        this.name = name;
        this.program = program;
        this.config = config;
        this.log = log;
        this.httpPort = httpPort;
        this.managementPort = managementPort;
    }

    /**
     * Prepares a service; {@link #start()} launches it.
     *
     * @param config Quarkus configuration keys and values; {@code quarkus.http.port} and
     *     {@code quarkus.management.port} are chosen here when absent
     * @param log the file that receives the child's standard output and error (appended across restarts)
     */
    public static ServiceProcess of(String name, Path jar, Map<String, String> config, Path log) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(name + ": no packaged application at " + jar + " (run ./mvnw package first)");
        }
        Map<String, String> copy = new LinkedHashMap<>(config);
        int port = copy.containsKey("quarkus.http.port") ? Integer.parseInt(copy.get("quarkus.http.port")) : freePort();
        copy.put("quarkus.http.port", Integer.toString(port));
        int management = copy.containsKey("quarkus.management.port") ? Integer.parseInt(copy.get("quarkus.management.port")) : freePort();
        copy.put("quarkus.management.port", Integer.toString(management));
        return new ServiceProcess(name, List.of("-jar", jar.toString()), copy, log, port, management);
    }

    /**
     * A helper program rather than a service: {@code mainClass} from this JVM's class path in a child JVM that
     * {@link #run(Duration) runs to completion}, so that what it measures does not share a JVM with what it
     * measures (the benchmarks' load generator). It serves no HTTP; the ports are unused.
     */
    public static ServiceProcess ofMainClass(String name, Class<?> mainClass, List<String> arguments, Path log) {
        List<String> program = new ArrayList<>(List.of("-cp", System.getProperty("java.class.path"), mainClass.getName()));
        program.addAll(arguments);
        return new ServiceProcess(name, List.copyOf(program), Map.of(), log, -1, -1);
    }

    /** JVM options for the next start (heap limits, GC), placed before the program. */
    public synchronized ServiceProcess withJvmOptions(List<String> options) {
        jvmOptions.clear();
        jvmOptions.addAll(options);
        return this;
    }

    /** Launches the program and waits for it to exit; its exit code, or an exception if it outlives {@code within}. */
    public int run(Duration within) {
        Process launched = launch();
        try {
            if (!launched.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
                launched.destroyForcibly();
                throw new IllegalStateException(name + " did not finish within " + within + "; see " + log);
            }
            return launched.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            launched.destroyForcibly();
            throw new IllegalStateException(name + ": interrupted", e);
        }
    }

    /** Launches the process and waits until {@code /q/health/ready} answers 200 on the management interface. */
    public synchronized ServiceProcess start(Duration readyWithin) {
        launch();
        awaitReady(readyWithin);
        return this;
    }

    private synchronized Process launch() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-XX:+ExitOnOutOfMemoryError");
        command.addAll(jvmOptions);
        // Exact property names as system properties; secrets only through the environment (see class doc).
        config.forEach((key, value) -> {
            if (!isSecret(key)) {
                command.add("-D" + key + "=" + value);
            }
        });
        command.addAll(program);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        config.forEach((key, value) -> {
            if (isSecret(key)) {
                builder.environment().put(environmentName(key), value);
            }
        });
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": cannot launch", e);
        }
        return process;
    }

    public ServiceProcess start() {
        return start(Duration.ofSeconds(60));
    }

    private void awaitReady(Duration within) {
        Instant deadline = Instant.now().plus(within);
        URI ready = URI.create(managementUrl() + "/q/health/ready");
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " before it was ready; see " + log);
            }
            try {
                HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(name + ": interrupted while waiting for readiness", e);
            }
            try {
                // Polling an HTTP endpoint of another process: there is nothing to wait on but time.
                process.waitFor(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(name + ": interrupted while waiting for readiness", e);
            }
        }
        throw new IllegalStateException(name + " not ready within " + within + "; see " + log);
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed, exactly like a crashed pod. */
    public synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            waitForExit(Duration.ofSeconds(30));
        }
    }

    /** SIGTERM: Quarkus shuts down gracefully. */
    public synchronized void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!waitForExit(Duration.ofSeconds(30))) {
                process.destroyForcibly();
                waitForExit(Duration.ofSeconds(10));
            }
        }
    }

    private boolean waitForExit(Duration within) {
        try {
            return process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    public synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    public String name() {
        return name;
    }

    public int httpPort() {
        return httpPort;
    }

    /** The API: positions, sessions, alerts (API keys needed, see docs/security.md). */
    public String baseUrl() {
        return "http://localhost:" + httpPort;
    }

    public int managementPort() {
        return managementPort;
    }

    /** Health, metrics and OpenAPI: {@code managementUrl() + "/q/health/ready"}. */
    public String managementUrl() {
        return "http://localhost:" + managementPort;
    }

    public Path log() {
        return log;
    }

    @Override
    public void close() {
        stop();
    }

    static boolean isSecret(String property) {
        String lower = property.toLowerCase(Locale.ROOT);
        // An exchange's API key names the account that a signature vouches for: kept out of `ps` like the secret.
        return lower.contains("password") || lower.contains("token") || lower.contains("secret") || lower.endsWith("api-key");
    }

    /**
     * The environment variable SmallRye Config reads for a property: upper case, every character other
     * than a letter or digit replaced by an underscore.
     */
    static String environmentName(String property) {
        StringBuilder out = new StringBuilder(property.length());
        for (char c : property.toCharArray()) {
            out.append(Character.isLetterOrDigit(c) ? Character.toUpperCase(c) : '_');
        }
        return out.toString().toUpperCase(Locale.ROOT);
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
