package io.positrack.position.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

/** The open-loop benchmark's figures as markdown: the machine and JVMs, one row per offered rate, the baseline and the ratio. */
final class OpenLoopReport {

    private final String machine;
    private final String benchmarkJvm;
    private final List<String> generatorOptions;
    private final int seconds;
    private final int warmupSeconds;
    private final int partitions;
    private String serviceFlags = "(not started)";
    private long servicePeakRssMiB = -1;
    private String generatorJvm = "(did not run)";
    private List<RateOutcome> outcomes = List.of();
    private final Map<String, Histogram> histograms = new HashMap<>();
    private SqlBaseline baseline;

    OpenLoopReport(String machine, String benchmarkJvm, List<String> generatorOptions, int seconds, int warmupSeconds, int partitions) {
        this.machine = machine;
        this.benchmarkJvm = benchmarkJvm;
        this.generatorOptions = generatorOptions;
        this.seconds = seconds;
        this.warmupSeconds = warmupSeconds;
        this.partitions = partitions;
    }

    void service(String flags, long peakRssMiB) {
        this.serviceFlags = flags;
        this.servicePeakRssMiB = peakRssMiB;
    }

    void generator(String jvm, Path outcomesFile, Path histogramLog) throws IOException {
        this.generatorJvm = jvm;
        this.outcomes = Files.readAllLines(outcomesFile).stream().filter(l -> !l.isBlank()).map(RateOutcome::parse).toList();
        HistogramLogReader reader = new HistogramLogReader(histogramLog.toFile());
        for (EncodableHistogram h; (h = reader.nextIntervalHistogram()) != null;) {
            histograms.put(h.getTag(), (Histogram) h);
        }
    }

    void baseline(SqlBaseline baseline) {
        this.baseline = baseline;
    }

    String render() {
        StringBuilder s = new StringBuilder("## position-service open-loop benchmark\n\n");
        s.append("- machine: ").append(machine).append('\n');
        s.append("- benchmark JVM (holds the broker): ").append(benchmarkJvm).append('\n');
        s.append("- service JVM (packaged position-service): flags ").append(serviceFlags)
                .append(serviceFlags.contains("-Xmx") ? "" : ", default max heap (a quarter of the memory)")
                .append(servicePeakRssMiB >= 0 ? ", peak RSS " + servicePeakRssMiB + " MiB" : "").append('\n');
        s.append("- generator JVM (options ").append(generatorOptions).append("): ").append(generatorJvm.strip()).append('\n');
        s.append(String.format(Locale.ROOT, "- %d partitions; each rate %d s at a constant offered rate, after a %d s warm-up at the first rate; "
                + "latency from each command's intended send time (ms)%n%n", partitions, seconds, warmupSeconds));
        s.append("| offered/s | sent | achieved/s | result p50 | p99 | p99.9 | max | event p50 | p99 | p99.9 | max | send lag p99 | unanswered |\n");
        s.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        double best = 0;
        for (RateOutcome o : outcomes) {
            best = Math.max(best, o.achievedRate());
            Histogram lag = histograms.get(RateOutcome.tag(o.offeredRate(), "send-lag"));
            s.append(String.format(Locale.ROOT, "| %.0f | %d | %.0f | %s | %s | %.1f | %s |%n", o.offeredRate(), o.sent(), o.achievedRate(),
                    percentiles(histograms.get(RateOutcome.tag(o.offeredRate(), "result"))),
                    percentiles(histograms.get(RateOutcome.tag(o.offeredRate(), "event"))),
                    lag == null ? Double.NaN : lag.getValueAtPercentile(99) / 1e6,
                    o.unansweredResults() + o.unansweredEvents() == 0 ? "0"
                            : o.unansweredResults() + " results, " + o.unansweredEvents() + " events (latencies ≥ the figures)"));
        }
        if (baseline != null) {
            s.append(String.format(Locale.ROOT, "%n- baseline (%s, %d connections, %d s, the service's SQL, no Kafka, no service): "
                    + "%.0f cycles/s = %.0f commands/s%n", baseline.tool(), baseline.connections(), baseline.seconds(),
                    baseline.cyclesPerSecond(), baseline.commandsPerSecond()));
            s.append(String.format(Locale.ROOT, "- ratio service / baseline: %.2f (the highest achieved rate, %.0f commands/s)%n",
                    best / baseline.commandsPerSecond(), best));
        }
        return s.toString();
    }

    private static String percentiles(Histogram h) {
        if (h == null || h.getTotalCount() == 0) {
            return "– | – | – | –";
        }
        return String.format(Locale.ROOT, "%.1f | %.1f | %.1f | %.1f", h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(99) / 1e6,
                h.getValueAtPercentile(99.9) / 1e6, h.getMaxValue() / 1e6);
    }
}
