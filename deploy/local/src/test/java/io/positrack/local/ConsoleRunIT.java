package io.positrack.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The interactive run as a person uses it: {@code java -jar positrack-local.jar} with the chat console on its
 * standard input. A service that crashes is reported while the others keep answering, and stopping the
 * launcher (SIGTERM: the same shutdown hook as Ctrl-C) leaves no process behind.
 */
class ConsoleRunIT {

    private static final Pattern SERVICE_PID = Pattern.compile("(position-service|signal-service|telegram-gateway) +ready in .*, pid (\\d+)");
    private static final Pattern POSTGRES_PID = Pattern.compile("postgres +pid (\\d+)");

    private final StringBuffer output = new StringBuffer();
    private Process launcher;

    @AfterEach
    void noLauncherLeft() {
        if (launcher != null && launcher.isAlive()) {
            launcher.descendants().forEach(ProcessHandle::destroyForcibly);
            launcher.destroyForcibly();
        }
    }

    @Test
    void theConsoleAnswersACrashIsReportedAndStoppingTheLauncherLeavesNothingRunning() throws Exception {
        Path jar = Path.of(System.getProperty("positrack.local.jar", "target/positrack-local.jar")).toAbsolutePath();
        Path repository = jar.getParent().getParent().getParent().getParent();
        launcher = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString())
                .directory(repository.toFile()).redirectErrorStream(true).start();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(launcher.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    output.append(line).append('\n');
                }
            } catch (java.io.IOException e) {
                // The launcher ended.
            }
        });
        reader.setDaemon(true);
        reader.start();
        Writer console = new OutputStreamWriter(launcher.getOutputStream(), StandardCharsets.UTF_8);
        try {
            await().atMost(Duration.ofSeconds(120)).until(() -> output.indexOf("Chat with the bot") >= 0 || !launcher.isAlive());
            assertThat(output.toString()).contains("Chat with the bot", "Positrack is running.", "/q/health", "/q/metrics", "/q/openapi");
            theRunsApiKeyOpensTheApiAndNothingElseDoes();

            type(console, "/start");
            await().atMost(Duration.ofSeconds(30)).until(() -> output.indexOf("bot> 👋 Positrack for account local") >= 0);
            type(console, "/getsignal XAUUSD");
            // Right after the start there is no signal yet (the strategy warms up on 5-second bars), or there is one.
            await().atMost(Duration.ofSeconds(30)).until(() -> output.indexOf("bot> No new signal for XAUUSD") >= 0
                    || output.indexOf("bot> 🟢 New signal") >= 0);

            List<Long> services = new ArrayList<>();
            long signal = -1;
            Matcher m = SERVICE_PID.matcher(output);
            while (m.find()) {
                services.add(Long.parseLong(m.group(2)));
                if (m.group(1).equals("signal-service")) {
                    signal = Long.parseLong(m.group(2));
                }
            }
            long signalService = signal;
            Matcher pg = POSTGRES_PID.matcher(output);
            assertThat(pg.find()).isTrue();
            long postgres = Long.parseLong(pg.group(1));
            assertThat(services).hasSize(3);

            ProcessHandle.of(signalService).orElseThrow().destroyForcibly();
            await().atMost(Duration.ofSeconds(30)).until(() -> output.indexOf("!! signal-service (pid " + signalService + ") stopped unexpectedly") >= 0);
            // The gateway still answers what it answers itself.
            int before = output.length();
            type(console, "/help");
            await().atMost(Duration.ofSeconds(30)).until(() -> output.indexOf("bot> Commands", before) >= 0);
            assertThat(services.stream().filter(pid -> pid != signalService))
                    .allSatisfy(pid -> assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).contains(true));

            // SIGTERM, what Ctrl-C's shutdown hook path sees. (Process.destroy() would also close our end of its
            // output, and the launcher's last lines would be lost.)
            launcher.toHandle().destroy();
            assertThat(launcher.waitFor(90, TimeUnit.SECONDS)).as(output.toString()).isTrue();
            reader.join(10_000);
            assertThat(output.toString()).contains("== Stopping", "  stopped");
            for (long pid : services) {
                assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("service %d", pid).isEmpty();
            }
            assertThat(ProcessHandle.of(postgres).filter(ProcessHandle::isAlive)).as("postgres %d", postgres).isEmpty();
        } finally {
            System.out.println(output);
        }
    }

    private static void type(Writer console, String line) throws java.io.IOException {
        console.write(line + "\n");
        console.flush();
    }

    /** The printed key file is the owner's only, and its key is what the position-service API accepts. */
    private void theRunsApiKeyOpensTheApiAndNothingElseDoes() throws Exception {
        Matcher file = Pattern.compile("API key +(\\S+)").matcher(output);
        Matcher api = Pattern.compile("position-service +(http://localhost:\\d+)").matcher(output);
        assertThat(file.find()).as("API key line").isTrue();
        assertThat(api.find()).as("position-service line").isTrue();
        Path keyFile = Path.of(file.group(1));
        assertThat(java.nio.file.Files.getPosixFilePermissions(keyFile))
                .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        String key = java.nio.file.Files.readString(keyFile).trim();
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.URI positions = java.net.URI.create(api.group(1) + "/positions");
        assertThat(http.send(java.net.http.HttpRequest.newBuilder(positions).header("Authorization", "Bearer " + key).build(),
                java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
        assertThat(http.send(java.net.http.HttpRequest.newBuilder(positions).build(),
                java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(401);
    }
}
