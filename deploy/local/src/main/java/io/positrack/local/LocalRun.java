package io.positrack.local;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.positrack.local.demo.DemoScenario;

/**
 * The local run's entry point: {@code java -jar deploy/local/target/positrack-local.jar [--demo] [--data-dir DIR]}.
 * Starts the whole system (see {@link LocalSystem}), then either opens the terminal chat (stand-in), waits
 * for Ctrl-C (real Telegram), or plays the demo and exits with its outcome. Whatever happens, the shutdown
 * hook stops every process the run started.
 */
public final class LocalRun {

    private LocalRun() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        // The console is the chat: only warnings of the in-process broker, database and stand-in belong on it.
        Logger.getLogger("").setLevel(Level.WARNING);
        Optional<LaunchOptions> parsed;
        try {
            parsed = LaunchOptions.parse(args, System.getenv(), Path.of(""));
        } catch (LaunchOptions.Invalid e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        if (parsed.isEmpty()) {
            out.println(LaunchOptions.USAGE);
            return;
        }
        System.exit(run(parsed.get(), out));
    }

    /** @return the process exit code */
    static int run(LaunchOptions options, PrintStream out) throws Exception {
        LocalSystem system = LocalSystem.prepare(options, out);
        Thread hook = new Thread(system::close, "positrack-local-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            system.start();
        } catch (LaunchOptions.Invalid e) {
            out.println(e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            out.println("Could not start the system: " + e.getMessage());
            return 1;
        }
        system.printWhereEverythingIs();
        if (options.demo()) {
            try {
                new DemoScenario(system, out).run();
                return 0;
            } catch (DemoScenario.Failed e) {
                out.println();
                out.println("== Demo FAILED: " + e.getMessage());
                return 1;
            } finally {
                system.close();
            }
        }
        if (system.standIn().isPresent()) {
            new ChatConsole(new ChatView(system.standIn().get(), LocalSystem.CONSOLE_CHAT_ID, out), out,
                    options.venue().symbol()).run(System.in);
            system.close();
            return 0;
        }
        out.println("Press Ctrl-C to stop.");
        // Ctrl-C runs the shutdown hook, which stops everything; until then there is nothing to do here.
        new CountDownLatch(1).await();
        return 0;
    }
}
