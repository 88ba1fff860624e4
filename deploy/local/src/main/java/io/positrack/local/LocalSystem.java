package io.positrack.local;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.positrack.contracts.security.ApiKey;
import io.positrack.infra.InfraSettings;
import io.positrack.infra.LocalInfrastructure;
import io.positrack.infra.ServiceProcess;
import io.positrack.infra.binance.BinanceFuturesStandIn;
import io.positrack.infra.telegram.TelegramBotApiStandIn;

/**
 * Everything the local run starts, and stops again: the embedded broker and database, the Telegram Bot API
 * stand-in (or nothing, when the real Telegram is used), and the three services as processes of their own.
 *
 * <p>Order: infrastructure (topics created), then position-service and signal-service together (neither
 * needs the other to start), then telegram-gateway, each awaited on {@code /q/health/ready}. A service that
 * dies later is reported and the others keep running. {@link #close()} is idempotent and safe from a
 * shutdown hook while {@link #start} is still running.
 */
public final class LocalSystem implements AutoCloseable {

    /** The chat and user of the console and the demo (a private chat: the ids are positive and equal). */
    public static final long CONSOLE_CHAT_ID = 4242;

    private static final Duration READY_WITHIN = Duration.ofSeconds(120);
    private static final String SERVICE_JAR = "target/quarkus-app/quarkus-run.jar";

    private final LaunchOptions options;
    private final PrintStream out;
    private final Path logDirectory;
    /** The local run's one API key (every role, every account), made afresh at each start; see {@link #apiKeyFile()}. */
    private final ApiKey operatorKey = ApiKey.generate("operator");
    private final List<ServiceProcess> running = new CopyOnWriteArrayList<>();
    private final List<ServiceProcess> starting = new CopyOnWriteArrayList<>();
    private final AtomicBoolean closing = new AtomicBoolean();
    /** Open once everything is stopped: a second caller of close() (console EOF racing Ctrl-C) waits for the first. */
    private final CountDownLatch closed = new CountDownLatch(1);
    /** Held while the infrastructure starts, so that a Ctrl-C meanwhile waits for it and then stops it. */
    private final Object infraLock = new Object();
    private volatile LocalInfrastructure infra;
    private volatile Optional<Long> postgresPid = Optional.empty();
    private volatile TelegramBotApiStandIn standIn;
    private volatile BinanceFuturesStandIn binanceStandIn;
    private volatile ServiceProcess positionService;
    private volatile ServiceProcess signalService;
    private volatile ServiceProcess gateway;

    private LocalSystem(LaunchOptions options, PrintStream out, Path logDirectory) {
        this.options = options;
        this.out = out;
        this.logDirectory = logDirectory;
    }

    public static LocalSystem prepare(LaunchOptions options, PrintStream out) {
        try {
            Path logs = options.dataDirectory().isPresent() ? options.dataDirectory().get().resolve("logs")
                    : Files.createTempDirectory("positrack-local-logs-");
            Files.createDirectories(logs);
            return new LocalSystem(options, out, logs);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the log directory", e);
        }
    }

    /**
     * The infrastructure the local run asks for: PostgreSQL durable unless {@code --fast-unsafe} (a position answered
     * OPENED must survive a kill -9 of the database), the data directory of the options.
     */
    static InfraSettings infraSettings(LaunchOptions options, InfraSettings fromEnvironment) {
        InfraSettings settings = fromEnvironment.withDurablePostgres(!options.fastUnsafe());
        if (options.dataDirectory().isPresent()) {
            return settings.withDataDirectory(options.dataDirectory().get());
        }
        if (options.demo()) {
            // The demo's scripted market assumes a fresh symbol, whatever POSITRACK_INFRA_DATA_DIR says.
            return settings.withTemporaryData();
        }
        return settings;
    }

    /** Starts everything; on failure, stops what was started and rethrows. */
    public LocalSystem start() {
        try {
            for (String service : List.of("position-service", "signal-service", "telegram-gateway")) {
                Path jar = jar(service);
                if (!Files.isRegularFile(jar)) {
                    throw new LaunchOptions.Invalid("no packaged " + service + " at " + jar
                            + "\nBuild the services first, from the repository root: ./mvnw -B -ntp -q install -DskipTests");
                }
            }
            InfraSettings settings = infraSettings(options, InfraSettings.fromEnvironment());
            step("Starting Kafka and PostgreSQL ("
                    + settings.dataDirectory().map(d -> "data in " + d).orElse("fresh temporary data") + ")");
            synchronized (infraLock) {
                checkNotClosing();
                infra = LocalInfrastructure.start(settings);
            }
            out.println("  kafka      " + infra.kafka().bootstrapServers());
            postgresPid = infra.postgres().serverPid();
            postgresPid.ifPresent(pid -> out.println("  postgres   pid " + pid));
            checkNotClosing();

            String apiBaseUrl;
            String token;
            List<Long> chats;
            if (options.telegram().isPresent()) {
                apiBaseUrl = null;
                token = options.telegram().get().botToken();
                chats = options.telegram().get().chatIds();
            } else {
                standIn = TelegramBotApiStandIn.start();
                apiBaseUrl = standIn.baseUrl();
                token = standIn.token();
                chats = List.of(CONSOLE_CHAT_ID);
            }

            boolean demo = options.demo();
            writeApiKey();
            Optional<ServiceConfigs.BinanceEndpoints> binance = binanceEndpoints();
            step("Trading on the " + options.venue().describe(options.account(),
                    binanceStandIn == null ? null : binanceStandIn.restBaseUrl()));
            Map<String, String> positionConfig = withInfra("position", port(9081, demo), binance
                    .map(b -> ServiceConfigs.positionService(port(8081, demo), b, options.account()))
                    .orElseGet(() -> ServiceConfigs.positionService(port(8081, demo))));
            Map<String, String> signalConfig = withInfra("signal", port(9082, demo), binance
                    .map(b -> ServiceConfigs.signalService(port(8082, demo), demo, b))
                    .orElseGet(() -> ServiceConfigs.signalService(port(8082, demo), demo)));
            Map<String, String> gatewayConfig = withInfra("gateway", port(9083, demo),
                    ServiceConfigs.telegramGateway(port(8083, demo), apiBaseUrl, token, chats, options.account(), options.venue().symbol()));

            positionService = ServiceProcess.of("position-service", jar("position-service"), positionConfig, log("position-service"));
            signalService = ServiceProcess.of("signal-service", jar("signal-service"), signalConfig, log("signal-service"));
            gateway = ServiceProcess.of("telegram-gateway", jar("telegram-gateway"), gatewayConfig, log("telegram-gateway"));

            step("Starting position-service and signal-service");
            CompletableFuture<Void> position = CompletableFuture.runAsync(() -> launch(positionService));
            CompletableFuture<Void> signal = CompletableFuture.runAsync(() -> launch(signalService));
            CompletableFuture.allOf(position, signal).join();
            step("Starting telegram-gateway");
            launch(gateway);
            return this;
        } catch (RuntimeException e) {
            close();
            throw unwrap(e);
        }
    }

    /**
     * The Binance endpoints and key of a Binance run: the real venue's URLs with the keys from the environment, or a
     * stand-in started here with keys of its own (taker commission as Binance's default, so the demo's exits pay fees).
     */
    /** The stand-in's commission on every fill, a share of its notional (Binance's default taker rate). */
    static final String STAND_IN_COMMISSION_RATE = "0.0004";

    private Optional<ServiceConfigs.BinanceEndpoints> binanceEndpoints() {
        TradingVenue venue = options.venue();
        if (venue == TradingVenue.BINANCE_STAND_IN) {
            binanceStandIn = BinanceFuturesStandIn.start();
            binanceStandIn.setCommissionRate(STAND_IN_COMMISSION_RATE);
            return Optional.of(new ServiceConfigs.BinanceEndpoints(binanceStandIn.restBaseUrl(), binanceStandIn.websocketBaseUrl(),
                    binanceStandIn.apiKey(), binanceStandIn.secretKey()));
        }
        if (venue.isBinance()) {
            TradingVenue.BinanceKeys keys = options.binanceKeys().orElseThrow(() -> new LaunchOptions.Invalid("no Binance keys"));
            return Optional.of(new ServiceConfigs.BinanceEndpoints(venue.restBaseUrl().orElseThrow(), venue.websocketBaseUrl().orElseThrow(),
                    keys.apiKey(), keys.secretKey()));
        }
        return Optional.empty();
    }

    private void launch(ServiceProcess service) {
        long started = System.nanoTime();
        starting.add(service);
        try {
            checkNotClosing();
            service.start(READY_WITHIN);
            running.add(service);
            if (closing.get()) {
                // Ctrl-C came while it started; close() waits for `starting` to empty, so this happens before the JVM exits.
                service.kill();
                throw new IllegalStateException("stopping");
            }
        } finally {
            starting.remove(service);
        }
        out.printf("  %-17s ready in %.1f s, pid %d, log %s%n", service.name(), (System.nanoTime() - started) / 1e9, service.pid(),
                service.log());
        watch(service);
    }

    /** Reports a service that ends while nobody asked it to; the others keep running. */
    private void watch(ServiceProcess service) {
        ProcessHandle.of(service.pid()).ifPresent(handle -> handle.onExit().thenRun(() -> {
            if (!closing.get()) {
                out.println();
                out.println("!! " + service.name() + " (pid " + handle.pid() + ") stopped unexpectedly; the other services keep running."
                        + " See its log: " + service.log());
            }
        }));
    }

    /** Where a person finds everything: printed once the system is up. */
    public void printWhereEverythingIs() {
        out.println();
        out.println("Positrack is running.");
        for (ServiceProcess service : List.of(positionService, signalService, gateway)) {
            String management = service.managementUrl();
            // telegram-gateway has no REST API of its own (only the webhook), hence no OpenAPI document.
            String openApi = answers(management + "/q/openapi") ? "   OpenAPI " + management + "/q/openapi" : "";
            out.printf("  %-17s %s   health %s/q/health   metrics %s/q/metrics%s%n", service.name(), service.baseUrl(), management,
                    management, openApi);
        }
        out.println("  API key           " + apiKeyFile() + "  (curl -H \"Authorization: Bearer $(cat " + apiKeyFile() + ")\" "
                + positionService.baseUrl() + "/positions)");
        out.println("  kafka             " + infra.kafka().bootstrapServers());
        out.println("  logs              " + logDirectory);
        out.println("  data              " + options.dataDirectory().map(Path::toString).orElse("temporary (deleted on exit; --data-dir DIR keeps it)"));
        out.println("  venue             " + options.venue().describe(options.account(),
                binanceStandIn == null ? null : binanceStandIn.restBaseUrl()));
        out.println("  traces            " + options.tracesEndpoint().map(c -> "exported to " + c + " (OTLP/HTTP)")
                .orElse("off (--otlp-endpoint URL exports them)"));
        if (standIn != null) {
            out.println("  chat              Telegram stand-in at " + standIn.baseUrl() + ", chat " + CONSOLE_CHAT_ID + " -> account "
                    + options.account());
        } else {
            out.println("  chat              the real Telegram: write to your bot from chat(s) "
                    + options.telegram().map(t -> t.chatIds().toString()).orElse("") + " -> account " + options.account());
        }
    }

    private static boolean answers(String url) {
        try {
            HttpResponse<Void> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public Optional<TelegramBotApiStandIn> standIn() {
        return Optional.ofNullable(standIn);
    }

    /** The Binance stand-in of a {@code --venue binance-stand-in} run. */
    public Optional<BinanceFuturesStandIn> binanceStandIn() {
        return Optional.ofNullable(binanceStandIn);
    }

    public LocalInfrastructure infra() {
        return infra;
    }

    public ServiceProcess signalService() {
        return signalService;
    }

    public LaunchOptions options() {
        return options;
    }

    /**
     * Stops the services (SIGTERM, all at once: a graceful stop spends seconds on consumer-group departures,
     * and in parallel these overlap), then the stand-in, then the broker and PostgreSQL. Never throws.
     */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            // The JVM exits once the shutdown hook returns: it must not return before the first close() is done.
            try {
                closed.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        try {
            stopEverything();
        } finally {
            closed.countDown();
        }
    }

    private void stopEverything() {
        step("Stopping");
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        for (ServiceProcess service : running) {
            stops.add(CompletableFuture.runAsync(() -> {
                try {
                    service.stop();
                } catch (RuntimeException e) {
                    out.println("  " + service.name() + ": " + e.getMessage());
                }
            }));
        }
        CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new)).join();
        // A service still starting when Ctrl-C came is not in `running` yet: end it by its own pid, until the
        // thread starting it has noticed (it never launches a service once closing is set).
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        do {
            stopStrayServices();
            if (starting.isEmpty()) {
                break;
            }
            ChatView.pause();
        } while (System.nanoTime() < deadline);
        if (standIn != null) {
            standIn.close();
        }
        if (binanceStandIn != null) {
            binanceStandIn.close();
        }
        synchronized (infraLock) {
            if (infra != null) {
                try {
                    infra.close();
                } catch (RuntimeException e) {
                    out.println("  infrastructure: " + e.getMessage());
                }
                awaitPostgresExit();
            }
        }
        out.println("  stopped");
    }

    /**
     * The stop command returns when PostgreSQL has removed its pid file, a moment before the postmaster process
     * is gone: the launcher exits only after it, so that "nothing left running" holds when the launcher ends.
     */
    private void awaitPostgresExit() {
        postgresPid.flatMap(ProcessHandle::of).ifPresent(postmaster -> {
            try {
                postmaster.onExit().get(15, TimeUnit.SECONDS);
            } catch (Exception e) {
                out.println("  postgres (pid " + postmaster.pid() + ") is still running after 15 s");
            }
        });
    }

    private void stopStrayServices() {
        List<ProcessHandle> strays = ProcessHandle.current().children()
                .filter(p -> p.info().commandLine().map(c -> c.contains("quarkus-run.jar")).orElse(false)).toList();
        strays.forEach(ProcessHandle::destroy);
        for (ProcessHandle p : strays) {
            try {
                p.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                p.destroyForcibly();
            }
        }
    }

    private Map<String, String> withInfra(String database, int managementPort, Map<String, String> config) {
        Map<String, String> all = new LinkedHashMap<>(infra.quarkusConfig(database));
        all.putAll(config);
        all.put("quarkus.management.port", Integer.toString(managementPort));
        options.tracesEndpoint().ifPresent(collector -> all.putAll(ServiceConfigs.tracing(collector)));
        // Only the hash goes to the services, as in a deployment; the key itself is in the run's api-key file.
        all.put("positrack.auth.keys." + operatorKey.id() + ".sha256", operatorKey.sha256());
        all.put("positrack.auth.keys." + operatorKey.id() + ".roles", "viewer,trader,admin");
        all.put("positrack.auth.keys." + operatorKey.id() + ".accounts", "*");
        return all;
    }

    /** The file holding the local run's API key (owner-only), for curl and scripts: {@code Bearer $(cat FILE)}. */
    public Path apiKeyFile() {
        return options.dataDirectory().orElse(logDirectory).resolve("api-key");
    }

    public ApiKey operatorKey() {
        return operatorKey;
    }

    private void writeApiKey() {
        Path file = apiKeyFile();
        try {
            Files.deleteIfExists(file);
            Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, operatorKey.value() + System.lineSeparator());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the API key to " + file, e);
        }
    }

    private Path jar(String service) {
        return options.repository().resolve(service).resolve(SERVICE_JAR);
    }

    private Path log(String service) {
        return logDirectory.resolve(service + ".log");
    }

    /** The service's usual port when it is free (interactive), else any free one (always in the demo, so CI never collides). */
    private static int port(int preferred, boolean demo) {
        if (!demo) {
            try (ServerSocket socket = new ServerSocket(preferred)) {
                socket.setReuseAddress(true);
                return preferred;
            } catch (IOException e) {
                // Taken: fall through to a free port.
            }
        }
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void checkNotClosing() {
        if (closing.get()) {
            throw new IllegalStateException("stopping");
        }
    }

    private void step(String what) {
        out.println("== " + what);
    }

    private static RuntimeException unwrap(RuntimeException e) {
        Throwable t = e;
        while (t instanceof java.util.concurrent.CompletionException && t.getCause() instanceof RuntimeException) {
            t = t.getCause();
        }
        return (RuntimeException) t;
    }
}
