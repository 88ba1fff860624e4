package io.positrack.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The README's demo command, run as CI runs it: {@code java -jar deploy/local/target/positrack-local.jar --demo}
 * from the repository root, in a child process. It must pass, print the whole conversation, and leave no
 * process behind: no service, no PostgreSQL.
 */
class LocalDemoIT {

    private static final Pattern PID = Pattern.compile("pid (\\d+)");
    /**
     * The take profit's closed notification: its fees, then (in the position block below it) the entry price, the
     * quantity and the exit price.
     */
    private static final Pattern TAKE_PROFIT_CLOSE = Pattern.compile(
            "(?s)#1 closed: [^\\n]*?TAKE_PROFIT, net PnL \\S+ \\(fees ([0-9.]+)\\).*?Entry: ([0-9.]+) · Qty: ([0-9.]+).*?Exit: ([0-9.]+)");
    private static final Pattern FIRST_ANSWER = Pattern.compile("first answer to /getsignal after (\\d+) ms");

    private static OtlpCollector collector;
    private static String paperTranscript;

    /** The paper demo, played once with tracing on: its conversation and its traces are checked by the tests below. */
    @BeforeAll
    static void playThePaperDemoWithTracingOn() throws Exception {
        collector = OtlpCollector.start();
        paperTranscript = play("local-demo.log", "--demo", "--otlp-endpoint", collector.baseUrl().toString());
    }

    @AfterAll
    static void stopCollector() {
        if (collector != null) {
            collector.close();
        }
    }

    @Test
    void theDemoPlaysTheWholeConversationAndLeavesNoProcessBehind() {
        String transcript = paperTranscript;
        assertThat(transcript).contains("you> /start", "you> /getsignal XAUUSD", "you> /sessions", "you> /status XAUUSD",
                "you> /close XAUUSD", "== Demo passed");
        assertThat(transcript).containsPattern("bot> .*New signal: BUY XAUUSD");
        // The second position is opened by the pushed offer's Open button, not by a command.
        assertThat(transcript).containsPattern("bot> .*Signal offered: (BUY|SELL) XAUUSD");
        assertThat(transcript).contains("you> [\u2705 Open]");
        assertThat(transcript).containsPattern("bot> .*#1 closed: .*TAKE_PROFIT");
        assertThat(transcript).containsPattern("bot> .*#2 closed: .*COMMAND");
    }

    /**
     * A chat command is one trace across the three services: the gateway publishes the command, signal-service
     * forwards it, position-service handles it and its outbox row keeps the context, so the result the relay publishes
     * later continues the trace, and the gateway's reply is in it too. Read from what the services exported over OTLP.
     */
    @Test
    void aChatCommandIsOneTraceWithSpansFromAllThreeServices() {
        List<String> services = List.of("telegram-gateway", "signal-service", "position-service");
        // The services export in batches and flush when they stop; the last batch may still be on its way.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(traceOf(services))
                .as("a trace with spans of %s among the exported ones (%s)", services,
                        collector.spans().stream().map(sp -> sp.service() + ":" + sp.name()).distinct().toList()).isNotNull());
        List<OtlpCollector.Span> trace = traceOf(services);
        trace.forEach(span -> System.out.println("LocalDemoIT trace " + span));
        // The reply leg: after position-service, the gateway consumed the result (a second gateway span in the trace).
        assertThat(trace.stream().filter(sp -> sp.service().equals("telegram-gateway")).map(OtlpCollector.Span::name))
                .anyMatch(name -> name.contains(io.positrack.contracts.Topics.COMMAND_RESULTS)
                        || name.contains(io.positrack.contracts.Topics.POSITION_EVENTS));
    }

    private static List<OtlpCollector.Span> traceOf(List<String> services) {
        Map<String, List<OtlpCollector.Span>> byTrace = collector.spans().stream()
                .collect(Collectors.groupingBy(OtlpCollector.Span::traceId));
        return byTrace.values().stream()
                .filter(spans -> spans.stream().map(OtlpCollector.Span::service).collect(Collectors.toSet()).containsAll(services))
                .findFirst().orElse(null);
    }

    /**
     * The one switch for live trading, pointed at the Binance stand-in: signals from bookTicker streams, market entries,
     * protective orders on the venue, a take profit triggered there, and fees in both closed notifications. The take
     * profit's close carries both commissions, the entry's and its own (from the trades of the matching-engine order its
     * trigger placed), each {@code quantity × price × rate} as the stand-in charges it.
     */
    @Test
    void theDemoOnTheBinanceSwitchTradesThroughTheStandInAndPaysItsFees() throws Exception {
        String transcript = play("local-demo-binance.log", "--demo", "--venue", "binance-stand-in");
        assertThat(transcript).contains("Binance USDⓈ-M futures stand-in at http://localhost:", "venue binance-stand-in, BTCUSDT",
                "you> /getsignal BTCUSDT", "you> [\u2705 Open]", "you> /close BTCUSDT", "== Demo passed");
        assertThat(transcript).containsPattern("bot> .*New signal: BUY BTCUSDT");
        assertThat(transcript).containsPattern("bot> .*#1 closed: .*TAKE_PROFIT, net PnL .*\\(fees 0\\.\\d+\\)");
        Matcher tp = TAKE_PROFIT_CLOSE.matcher(transcript);
        assertThat(tp.find()).as("the take profit's closed notification with its fees, entry, quantity and exit").isTrue();
        BigDecimal fees = new BigDecimal(tp.group(1));
        BigDecimal entry = new BigDecimal(tp.group(2));
        BigDecimal quantity = new BigDecimal(tp.group(3));
        BigDecimal exit = new BigDecimal(tp.group(4));
        BigDecimal entryFee = commission(quantity, entry);
        BigDecimal exitFee = commission(quantity, exit);
        assertThat(exitFee.signum()).isPositive();
        assertThat(fees).as("the entry's commission %s and the take profit's own %s", entryFee.toPlainString(), exitFee.toPlainString())
                .isEqualByComparingTo(entryFee.add(exitFee));
        assertThat(transcript).containsPattern("bot> .*#2 closed: .*COMMAND, net PnL .*\\(fees 0\\.\\d+\\)");
    }

    /** The stand-in's commission of one fill, as it charges it: quantity × price × rate, to 8 decimals. */
    private static BigDecimal commission(BigDecimal quantity, BigDecimal price) {
        return quantity.multiply(price).multiply(new BigDecimal(LocalSystem.STAND_IN_COMMISSION_RATE)).setScale(8, RoundingMode.HALF_UP);
    }

    /** Runs the launcher with {@code args} in a child process; returns its output once it passed and left nothing behind. */
    private static String play(String logName, String... args) throws Exception {
        Path jar = Path.of(System.getProperty("positrack.local.jar", "target/positrack-local.jar")).toAbsolutePath();
        Path repository = jar.getParent().getParent().getParent().getParent();
        Path output = jar.getParent().resolve(logName);
        long started = System.nanoTime();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                jar.toString()));
        command.addAll(List.of(args));
        Process demo = new ProcessBuilder(command).directory(repository.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        boolean ended = demo.waitFor(170, TimeUnit.SECONDS);
        if (!ended) {
            demo.descendants().forEach(ProcessHandle::destroyForcibly);
            demo.destroyForcibly();
        }
        String transcript = Files.readString(output);
        System.out.println(transcript);
        System.out.printf("LocalDemoIT: %s took %.1f s%n", String.join(" ", args), (System.nanoTime() - started) / 1e9);

        assertThat(ended).as("the demo ended within 170 s").isTrue();
        assertThat(demo.exitValue()).as(transcript).isZero();
        Matcher latency = FIRST_ANSWER.matcher(transcript);
        assertThat(latency.find()).isTrue();
        System.out.println("LocalDemoIT: " + latency.group());

        // Every process the run reported (postgres, the three services) is gone, and so is anything it started.
        List<Long> pids = new ArrayList<>();
        Matcher m = PID.matcher(transcript);
        while (m.find()) {
            pids.add(Long.parseLong(m.group(1)));
        }
        assertThat(pids).as("postgres and the three services reported their pids").hasSizeGreaterThanOrEqualTo(4);
        for (long pid : pids) {
            assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("process %d", pid).isEmpty();
        }
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().map(c -> c.contains("quarkus-run.jar") || c.contains("postgres")).orElse(false)))
                .isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMinutes(3));
        return transcript;
    }
}
