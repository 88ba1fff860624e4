package io.positrack.infra;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * The child JVM of {@link KafkaProcess}: one {@link KafkaNode} on the given ports and data directory, until the
 * process is told to stop (SIGTERM runs the shutdown hook, which closes the broker gracefully) or is killed.
 *
 * <p>Arguments: data directory, client port, controller port, and the process id of the JVM that started it: when
 * that process ends, however it ends (a test JVM killed by a timeout included), the broker stops too, so that no broker
 * outlives the build.
 */
public final class KafkaBrokerMain {

    private KafkaBrokerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 4) {
            System.err.println("usage: KafkaBrokerMain <data-dir> <kafka-port> <controller-port> <parent-pid>");
            System.exit(2);
        }
        KafkaNode node = KafkaNode.start(Optional.of(Path.of(args[0])), Integer.parseInt(args[1]), Integer.parseInt(args[2]));
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            node.close();
            closed.countDown();
        }, "kafka-broker-stop"));
        ProcessHandle.of(Long.parseLong(args[3])).ifPresentOrElse(
                parent -> parent.onExit().thenRun(() -> System.exit(0)),
                () -> System.exit(0));
        System.out.println("KafkaBrokerMain ready at " + node.bootstrapServers());
        // The broker's threads do the work; this one only keeps the JVM up until the shutdown hook has run.
        closed.await();
    }
}
