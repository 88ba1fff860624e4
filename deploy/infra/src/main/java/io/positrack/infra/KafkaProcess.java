package io.positrack.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

/**
 * A real Kafka broker ({@link KafkaNode}) in a JVM of its own, so that a test can stop it, kill it with SIGKILL and
 * start it again on the same port and the same data, as a broker pod is restarted under the services.
 *
 * <p>The child runs {@link KafkaBrokerMain} with this JVM's class path (a test JVM's class path holds the broker
 * jars). The client and controller ports are chosen free at the first start and kept, as is the data directory, so
 * that clients reconnect to the address they were given and find their topics, offsets and transactions again.
 */
public final class KafkaProcess implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(KafkaProcess.class);
    private static final Duration READY_WITHIN = Duration.ofSeconds(60);

    private final Path dataDirectory;
    private final boolean deleteDataOnClose;
    private final int kafkaPort;
    private final int controllerPort;
    private final Path log;
    private Process process;

    private KafkaProcess(Path dataDirectory, boolean deleteDataOnClose, int kafkaPort, int controllerPort, Path log) {
        this.dataDirectory = dataDirectory;
        this.deleteDataOnClose = deleteDataOnClose;
        this.kafkaPort = kafkaPort;
        this.controllerPort = controllerPort;
        this.log = log;
    }

    /** Starts a broker on free ports with a temporary data directory, deleted on {@link #close()}. */
    public static KafkaProcess start() {
        try {
            Path dir = Files.createTempDirectory("positrack-kafka-process");
            return start(dir, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts a broker on free ports that keeps its log in {@code dataDirectory}. */
    public static KafkaProcess start(Path dataDirectory, boolean deleteDataOnClose) {
        try {
            Files.createDirectories(dataDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        KafkaProcess broker = new KafkaProcess(dataDirectory, deleteDataOnClose, ServiceProcess.freePort(),
                ServiceProcess.freePort(), dataDirectory.resolve("broker.log"));
        broker.launch();
        return broker;
    }

    public String bootstrapServers() {
        return "localhost:" + kafkaPort;
    }

    public int port() {
        return kafkaPort;
    }

    /** The child's standard output and error, appended across restarts. */
    public Path log() {
        return log;
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    public synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    /** Creates the topics that do not exist yet, all with the same partition count. */
    public void createTopics(Collection<String> names, int partitions) {
        BrokerAdmin.createTopics(bootstrapServers(), names, partitions);
    }

    public Map<String, Integer> partitionCounts(Collection<String> names) {
        return BrokerAdmin.partitionCounts(bootstrapServers(), names);
    }

    /** SIGTERM: the broker shuts down cleanly (flushes its logs, hands over nothing, as a single node). */
    public synchronized void stop() {
        if (isAlive()) {
            process.destroy();
            if (!waitForExit(Duration.ofSeconds(60))) {
                LOG.warnf("Kafka broker %d did not stop within 60 s; killing it", process.pid());
                kill();
            }
        }
    }

    /** SIGKILL: no shutdown hook, nothing flushed by the broker; what the kernel already holds survives, as on a pod kill. */
    public synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            waitForExit(Duration.ofSeconds(30));
        }
    }

    /** Starts the broker again on the same ports and data (stopping it first, gracefully, if it still runs). */
    public synchronized void restart() {
        stop();
        launch();
    }

    private synchronized void launch() {
        if (isAlive()) {
            throw new IllegalStateException("The broker is already running (pid " + process.pid() + ")");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-XX:+ExitOnOutOfMemoryError");
        command.add("-Xmx512m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(KafkaBrokerMain.class.getName());
        command.add(dataDirectory.toString());
        command.add(Integer.toString(kafkaPort));
        command.add(Integer.toString(controllerPort));
        command.add(Long.toString(ProcessHandle.current().pid()));
        long started = System.nanoTime();
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot launch the Kafka broker process", e);
        }
        Process launched = process;
        try {
            BrokerAdmin.awaitReady(bootstrapServers(), READY_WITHIN, () -> !launched.isAlive());
        } catch (RuntimeException e) {
            launched.destroyForcibly();
            throw new IllegalStateException(e.getMessage() + "; see " + log, e);
        }
        LOG.infof("Kafka broker process %d ready at %s in %d ms", launched.pid(), bootstrapServers(),
                (System.nanoTime() - started) / 1_000_000);
    }

    private boolean waitForExit(Duration within) {
        try {
            return process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public synchronized void close() {
        stop();
        if (deleteDataOnClose) {
            DataDirectories.delete(dataDirectory);
        }
    }
}
