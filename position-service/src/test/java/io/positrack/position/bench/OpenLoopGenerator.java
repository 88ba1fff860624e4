package io.positrack.position.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * The open-loop load generator, run by {@link OpenLoopBenchmark} in a JVM of its own so that sending, receiving and
 * timing do not compete with the broker and the database inside the benchmark's JVM (the issue-19 finding).
 *
 * <p>Arguments as {@code key=value}: {@code bootstrap}, {@code out} (a directory), {@code rates} (commands/s, comma
 * separated), {@code seconds} per rate, {@code warmup-seconds} (at the first rate, not reported) and
 * {@code drain-seconds} (how long to wait after a rate for its last answers). Each rate starts only once the previous
 * one has drained, so a rate the service cannot keep up with does not push its backlog into the next one's figures.
 *
 * <p>Writes {@code out/open-loop.hlog} (the histograms, tagged per rate and kind, see {@link RateOutcome#tag}),
 * {@code out/open-loop.tsv} (one {@link RateOutcome} per rate) and {@code out/generator-jvm.txt}.
 */
public final class OpenLoopGenerator {

    private OpenLoopGenerator() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (String arg : args) {
            String[] kv = arg.split("=", 2);
            a.put(kv[0], kv[1]);
        }
        Path out = Path.of(a.get("out"));
        List<Double> rates = Arrays.stream(a.get("rates").split(",")).map(String::trim).map(Double::valueOf).toList();
        Duration each = Duration.ofSeconds(Long.parseLong(a.get("seconds")));
        Duration warmup = Duration.ofSeconds(Long.parseLong(a.get("warmup-seconds")));
        Duration drain = Duration.ofSeconds(Long.parseLong(a.get("drain-seconds")));
        Files.writeString(out.resolve("generator-jvm.txt"), jvm(), StandardCharsets.UTF_8);

        List<String> lines = new ArrayList<>();
        try (KafkaProducer<String, String> producer = producer(a.get("bootstrap"));
                LatencyRecorder recorder = new LatencyRecorder(a.get("bootstrap"));
                PrintStream hlog = new PrintStream(Files.newOutputStream(out.resolve("open-loop.hlog")), true, StandardCharsets.UTF_8)) {
            ConstantRateSender sender = new ConstantRateSender(producer, recorder);
            HistogramLogWriter writer = new HistogramLogWriter(hlog);
            writer.outputLogFormatVersion();
            writer.outputLegend();
            if (!warmup.isZero()) {
                recorder.drain(sender.run("warm", rates.get(0), warmup), drain);
            }
            for (double rate : rates) {
                Phase phase = sender.run("r" + Math.round(rate), rate, each);
                recorder.drain(phase, drain);
                RateOutcome outcome = phase.outcome();
                lines.add(outcome.toLine());
                write(writer, phase, phase.results, RateOutcome.tag(rate, "result"));
                write(writer, phase, phase.events, RateOutcome.tag(rate, "event"));
                write(writer, phase, phase.sendLag, RateOutcome.tag(rate, "send-lag"));
                System.out.printf("rate %.0f/s: sent %d, answered %d, achieved %.0f/s, result p99 %.1f ms%n", rate, outcome.sent(),
                        outcome.answered(), outcome.achievedRate(), phase.results.getValueAtPercentile(99) / 1e6);
            }
        }
        Files.write(out.resolve("open-loop.tsv"), lines, StandardCharsets.UTF_8);
    }

    private static void write(HistogramLogWriter writer, Phase phase, Histogram histogram, String tag) {
        histogram.setTag(tag);
        histogram.setStartTimeStamp(phase.startMillis);
        histogram.setEndTimeStamp(System.currentTimeMillis());
        writer.outputIntervalHistogram(histogram);
    }

    /** As the signal service sends its commands: every replica acknowledges, nothing waits to fill a batch. */
    private static KafkaProducer<String, String> producer(String bootstrap) {
        return io.positrack.infra.StringProducers.create(bootstrap);
    }

    /** This JVM's settings, for the report: the generator's own limits are part of what was measured. */
    static String jvm() {
        Runtime r = Runtime.getRuntime();
        return "Java %s (%s), max heap %d MiB, GC %s, flags %s".formatted(System.getProperty("java.version"), System.getProperty("java.vm.name"),
                r.maxMemory() >> 20, String.join("+", ManagementFactory.getGarbageCollectorMXBeans().stream().map(g -> g.getName()).toList()),
                ManagementFactory.getRuntimeMXBean().getInputArguments().stream().filter(f -> !f.startsWith("-D")).toList());
    }
}
