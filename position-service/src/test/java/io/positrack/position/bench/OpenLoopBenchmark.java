package io.positrack.position.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.positrack.infra.InfraSettings;
import io.positrack.infra.LocalInfrastructure;
import io.positrack.infra.ServiceProcess;

/**
 * Not a test: a benchmark that prints figures (run with {@code ./mvnw -B -ntp verify -Pbenchmark -pl position-service -am};
 * the parameters and a recorded run: docs/benchmarks.md).
 *
 * <p>Measured: the packaged position-service in its own process, as in production and as the kill tests run it, driven
 * through Kafka by the {@link OpenLoopGenerator} in a second child JVM at each offered rate in turn. Latency runs from
 * each command's intended send time to its result on {@code command-results} and to the first event it caused on
 * {@code position-events}. The broker and PostgreSQL stay where the other tests keep them (the broker in this JVM,
 * which otherwise only waits, PostgreSQL in its own processes).
 *
 * <p>Baseline, same run, same database server: the service's SQL for the same open → close cycle ({@link SqlBaseline}).
 */
class OpenLoopBenchmark {

    private static final List<Double> RATES = Arrays.stream(System.getProperty("positrack.bench.rates", "100,250,500,1000,2000").split(","))
            .map(String::trim).map(Double::valueOf).toList();
    private static final int SECONDS = Integer.getInteger("positrack.bench.seconds", 20);
    private static final int WARMUP_SECONDS = Integer.getInteger("positrack.bench.warmup-seconds", 10);
    /** Long enough for today's service to work off 2,000/s × 20 s at about 200/s; a rate not drained by then is reported so. */
    private static final int DRAIN_SECONDS = Integer.getInteger("positrack.bench.drain-seconds", 240);
    private static final int BASELINE_CONNECTIONS = Integer.getInteger("positrack.bench.baseline-connections", 16);
    private static final int BASELINE_SECONDS = Integer.getInteger("positrack.bench.baseline-seconds", 30);
    private static final List<String> SERVICE_JVM = options(System.getProperty("positrack.bench.service-jvm-options", ""));
    private static final List<String> GENERATOR_JVM = options(System.getProperty("positrack.bench.generator-jvm-options", "-Xmx256m"));

    @Test
    void measure() throws Exception {
        try (LocalInfrastructure infra = LocalInfrastructure.start(InfraSettings.fromEnvironment())) {
            Map<String, String> config = infra.quarkusConfig("bench");
            Path jar = Path.of(System.getProperty("positrack.position-service.jar", "target/quarkus-app/quarkus-run.jar"));
            Path out = Path.of("target", "benchmark").toAbsolutePath();
            Files.createDirectories(out);
            OpenLoopReport report = new OpenLoopReport(MachineDescription.machine(), OpenLoopGenerator.jvm(), GENERATOR_JVM, SECONDS,
                    WARMUP_SECONDS, infra.settings().partitions());
            try (ServiceProcess service = ServiceProcess.of("position-service", jar, config, out.resolve("position-service.log"))
                    .withJvmOptions(SERVICE_JVM).start()) {
                ServiceProcess generator = ServiceProcess.ofMainClass("open-loop-generator", OpenLoopGenerator.class,
                        List.of("bootstrap=" + infra.kafka().bootstrapServers(), "out=" + out, "rates=" + joined(RATES),
                                "seconds=" + SECONDS, "warmup-seconds=" + WARMUP_SECONDS, "drain-seconds=" + DRAIN_SECONDS),
                        out.resolve("generator.log")).withJvmOptions(GENERATOR_JVM);
                long budget = (long) RATES.size() * (SECONDS + DRAIN_SECONDS) + WARMUP_SECONDS + DRAIN_SECONDS + 120;
                int exit = generator.run(Duration.ofSeconds(budget));
                if (exit != 0) {
                    throw new IllegalStateException("the generator exited with " + exit + "; see " + generator.log());
                }
                report.service(MachineDescription.flags(service.pid()), MachineDescription.peakRssMiB(service.pid()).orElse(-1L));
            }
            report.generator(Files.readString(out.resolve("generator-jvm.txt")), out.resolve("open-loop.tsv"), out.resolve("open-loop.hlog"));
            report.baseline(SqlBaseline.run(infra.postgres().database("bench"), BASELINE_CONNECTIONS, BASELINE_SECONDS, out));
            String text = report.render();
            System.out.println(text);
            Files.writeString(out.resolve("results.md"), text, StandardCharsets.UTF_8);
        }
    }

    private static List<String> options(String value) {
        return value.isBlank() ? List.of() : List.of(value.trim().split("\\s+"));
    }

    private static String joined(List<Double> rates) {
        return String.join(",", rates.stream().map(String::valueOf).toList());
    }
}
