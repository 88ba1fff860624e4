package io.positrack.position.bench;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import io.positrack.contracts.Topics;
import io.positrack.contracts.position.CommandResult;
import io.positrack.contracts.position.PositionCommand;
import io.positrack.contracts.position.PositionEvent;
import io.positrack.contracts.position.Side;
import io.positrack.infra.InfraSettings;
import io.positrack.infra.LocalInfrastructure;
import io.positrack.infra.PostgresNode;
import io.positrack.infra.ServiceProcess;
import io.positrack.position.support.PositionTestClient;

/**
 * Not a test: a benchmark that prints figures (run with {@code ./mvnw -B -ntp verify -Pbenchmark -pl position-service -am}).
 *
 * <p>Measured: the packaged position-service in its own process, driven through Kafka by closed-loop
 * clients, each repeating an open → close cycle on a fresh symbol (so every open really opens and every
 * close really cancels). For each command it records the time from producing the command to consuming
 * its result on {@code command-results} and to consuming the event it caused on {@code position-events}.
 *
 * <p>Baseline, same run, same database server: the SQL the service executes for that cycle (the two
 * command transactions, the paper venue's order insert and cancel, the two venue-acknowledgement
 * transactions and the relay's marking), from the same number of plain connections, with no Kafka and
 * no service: pgbench when installed, else the same script through JDBC ({@link SqlScriptRunner}).
 */
class CommandThroughputBenchmark {

    private static final int CLIENTS = Integer.getInteger("positrack.bench.clients", 16);
    private static final int CYCLES = Integer.getInteger("positrack.bench.cycles", 2000);
    private static final int WARMUP_CYCLES = Integer.getInteger("positrack.bench.warmup-cycles", 400);
    private static final int BASELINE_SECONDS = Integer.getInteger("positrack.bench.baseline-seconds", 30);

    private final Map<String, CompletableFuture<Long>> results = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Long>> events = new ConcurrentHashMap<>();
    private volatile boolean consuming = true;

    @Test
    void measure() throws Exception {
        try (LocalInfrastructure infra = LocalInfrastructure.start(InfraSettings.fromEnvironment())) {
            PostgresNode.Database db = infra.postgres().database("bench");
            Map<String, String> config = infra.quarkusConfig("bench");
            Path jar = Path.of(System.getProperty("positrack.position-service.jar", "target/quarkus-app/quarkus-run.jar"));
            Path out = Path.of("target", "benchmark");
            Files.createDirectories(out);
            Run service;
            try (ServiceProcess process = ServiceProcess.of("position-service", jar, config, out.resolve("position-service.log")).start();
                    KafkaProducer<String, String> producer = producer(infra.kafka().bootstrapServers())) {
                Thread resultReader = reader(infra.kafka().bootstrapServers(), Topics.COMMAND_RESULTS, true);
                Thread eventReader = reader(infra.kafka().bootstrapServers(), Topics.POSITION_EVENTS, false);
                drive(producer, "warm", WARMUP_CYCLES);
                service = drive(producer, "run", CYCLES);
                consuming = false;
                resultReader.join(5_000);
                eventReader.join(5_000);
            }
            Baseline baseline = Baseline.run(db, CLIENTS, BASELINE_SECONDS, out);
            String report = report(service, baseline);
            System.out.println(report);
            Files.writeString(out.resolve("results.md"), report, StandardCharsets.UTF_8);
        }
    }

    /** Closed loop: each client runs open → result → close → result on a new symbol per cycle. */
    private Run drive(KafkaProducer<String, String> producer, String phase, int cycles) throws Exception {
        String account = PositionTestClient.uniqueAccount("bench-" + phase);
        List<Long> resultLatencies = Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<Long>> eventLatencies = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        long start = System.nanoTime();
        List<Future<?>> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            clients.add(pool.submit(() -> {
                for (int i = client; i < cycles; i += CLIENTS) {
                    String symbol = "B%sC%dN%d".formatted(phase.equals("warm") ? "W" : "R", client, i);
                    Instant now = Instant.now();
                    PositionCommand open = new PositionCommand.OpenPosition(UUID.randomUUID().toString(), account, "paper", symbol,
                            Side.BUY, BigDecimal.ONE, null, null, null, null, 1L, now);
                    PositionCommand close = new PositionCommand.ClosePosition(UUID.randomUUID().toString(), account, "paper", symbol,
                            null, null, 1L, now);
                    for (PositionCommand command : List.of(open, close)) {
                        CompletableFuture<Long> result = results.computeIfAbsent(command.commandId(), k -> new CompletableFuture<>());
                        CompletableFuture<Long> event = events.computeIfAbsent(command.commandId(), k -> new CompletableFuture<>());
                        long sent = System.nanoTime();
                        producer.send(new ProducerRecord<>(Topics.POSITION_COMMANDS, symbol, PositionTestClient.write(command)));
                        resultLatencies.add(result.get(60, TimeUnit.SECONDS) - sent);
                        eventLatencies.add(event.thenApply(arrived -> arrived - sent));
                    }
                }
                return null;
            }));
        }
        for (Future<?> client : clients) {
            client.get();
        }
        long elapsed = System.nanoTime() - start;
        pool.shutdown();
        List<Long> eventNanos = new ArrayList<>();
        for (CompletableFuture<Long> e : eventLatencies) {
            eventNanos.add(e.get(60, TimeUnit.SECONDS));
        }
        return new Run(cycles * 2, elapsed, new ArrayList<>(resultLatencies), eventNanos);
    }

    private Thread reader(String bootstrap, String topic, boolean isResult) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p);
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream().map(i -> new TopicPartition(topic, i.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        Thread thread = new Thread(() -> {
            try (consumer) {
                while (consuming) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(50))) {
                        long arrived = System.nanoTime();
                        String id = isResult ? PositionTestClient.read(r.value(), CommandResult.class).commandId()
                                : PositionTestClient.read(r.value(), PositionEvent.class).cause();
                        (isResult ? results : events).computeIfAbsent(id, k -> new CompletableFuture<>()).complete(arrived);
                    }
                }
            }
        }, "bench-" + topic);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        return new KafkaProducer<>(p);
    }

    private static String report(Run run, Baseline baseline) {
        double serviceRate = run.commands() / (run.elapsedNanos() / 1e9);
        double baselineRate = baseline.cyclesPerSecond() * 2;
        StringBuilder s = new StringBuilder();
        s.append("## position-service command benchmark\n\n");
        s.append(String.format(Locale.ROOT, "- machine: %d cores, %s, Java %s, %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.arch"), System.getProperty("java.version"), Instant.now()));
        s.append(String.format(Locale.ROOT, "- clients: %d closed-loop, %d open→close cycles (%d commands) after %d warm-up cycles%n",
                CLIENTS, CYCLES, run.commands(), WARMUP_CYCLES));
        s.append(String.format(Locale.ROOT, "- service through Kafka: %.0f commands/s%n", serviceRate));
        s.append("- latency command produced → result consumed (ms): ").append(percentiles(run.resultNanos())).append('\n');
        s.append("- latency command produced → event consumed (ms): ").append(percentiles(run.eventNanos())).append('\n');
        s.append(String.format(Locale.ROOT, "- baseline (%s, %d connections, %d s, same SQL, no Kafka, no service): %.0f cycles/s = %.0f commands/s%n",
                baseline.tool(), CLIENTS, BASELINE_SECONDS, baseline.cyclesPerSecond(), baselineRate));
        s.append(String.format(Locale.ROOT, "- ratio service / baseline: %.2f%n", serviceRate / baselineRate));
        return s.toString();
    }

    private static String percentiles(List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        return String.format(Locale.ROOT, "p50 %.1f, p95 %.1f, p99 %.1f, max %.1f", at(sorted, 0.50), at(sorted, 0.95), at(sorted, 0.99),
                sorted.get(sorted.size() - 1) / 1e6);
    }

    private static double at(List<Long> sorted, double q) {
        int index = (int) Math.ceil(q * sorted.size()) - 1;
        return sorted.get(Math.max(0, index)) / 1e6;
    }

    private record Run(int commands, long elapsedNanos, List<Long> resultNanos, List<Long> eventNanos) {
    }

    /** The same statements without Kafka or the service. */
    record Baseline(String tool, double cyclesPerSecond) {

        static Baseline run(PostgresNode.Database db, int clients, int seconds, Path out) throws IOException, InterruptedException {
            Path script = out.resolve("open-close-cycle.sql");
            try (var in = CommandThroughputBenchmark.class.getResourceAsStream("/bench/open-close-cycle.sql")) {
                Files.write(script, in.readAllBytes());
            }
            Path pgbench = Path.of("/usr/bin/pgbench");
            if (Files.isExecutable(pgbench)) {
                return new Baseline("pgbench", Pgbench.run(pgbench, db, script, clients, seconds, out));
            }
            return new Baseline("JDBC", SqlScriptRunner.run(db, Files.readString(script), clients, seconds));
        }
    }
}
