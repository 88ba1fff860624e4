package io.positrack.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The README's demo command, run as CI runs it: {@code java -jar deploy/local/target/positrack-local.jar --demo}
 * from the repository root, in a child process. It must pass, print the whole conversation, and leave no
 * process behind: no service, no PostgreSQL.
 */
class LocalDemoIT {

    private static final Pattern PID = Pattern.compile("pid (\\d+)");
    private static final Pattern FIRST_ANSWER = Pattern.compile("first answer to /getsignal after (\\d+) ms");

    @Test
    void theDemoPlaysTheWholeConversationAndLeavesNoProcessBehind() throws Exception {
        Path jar = Path.of(System.getProperty("positrack.local.jar", "target/positrack-local.jar")).toAbsolutePath();
        Path repository = jar.getParent().getParent().getParent().getParent();
        Path output = jar.getParent().resolve("local-demo.log");
        long started = System.nanoTime();
        Process demo = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString(), "--demo")
                .directory(repository.toFile()).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        boolean ended = demo.waitFor(170, TimeUnit.SECONDS);
        if (!ended) {
            demo.descendants().forEach(ProcessHandle::destroyForcibly);
            demo.destroyForcibly();
        }
        String transcript = Files.readString(output);
        System.out.println(transcript);
        System.out.printf("LocalDemoIT: the demo took %.1f s%n", (System.nanoTime() - started) / 1e9);

        assertThat(ended).as("the demo ended within 170 s").isTrue();
        assertThat(demo.exitValue()).as(transcript).isZero();
        assertThat(transcript).contains("you> /start", "you> /getsignal XAUUSD", "you> /sessions", "you> /status XAUUSD",
                "you> /close XAUUSD", "== Demo passed");
        assertThat(transcript).containsPattern("bot> .*New signal: BUY XAUUSD");
        assertThat(transcript).containsPattern("bot> .*#1 closed: .*TAKE_PROFIT");
        assertThat(transcript).containsPattern("bot> .*#2 closed: .*COMMAND");
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
    }
}
