package io.positrack.position.outage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.positrack.contracts.position.CommandResult;
import io.positrack.contracts.position.PositionCommand;
import io.positrack.contracts.position.Side;
import io.positrack.position.outbox.OutboxRelay;
import io.positrack.position.support.PositionTestClient;
import io.positrack.infra.quarkus.ManagementInterface;

/**
 * One outage under load, the same for every kind of fault (issue 16): commands and ticks flow at 20 a second, the
 * fault begins, lasts a few seconds, ends, and nobody touches the service. Then readiness must have gone DOWN (503, or
 * no answer within 2 s) and come back UP by itself, every command must have exactly one result (identical copies from
 * the at-least-once relay are counted, not failed) and none a dead letter, one relay must lead, and a new position must
 * fill and get its stops, which needs the command, tick and venue-event consumers all to have ridden the outage out.
 */
final class OutageScenario {

    /** Starts and ends the fault; the scenario keeps the time in between. */
    interface Fault {
        void begin() throws Exception;

        void end() throws Exception;
    }

    /** A count from the service's own database, reached directly (not through any fault). */
    interface Counts {
        long count(String sql, Object... params);
    }

    private static final int SYMBOLS = 8;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final PositionTestClient kafka;
    private final OutboxRelay relay;
    private final long advisoryLockKey;
    private final Counts database;
    private Duration outage = Duration.ofSeconds(6);
    private boolean relayLosesLeadership;

    OutageScenario(String name, PositionTestClient kafka, OutboxRelay relay, long advisoryLockKey, Counts database) {
        this.name = name;
        this.kafka = kafka;
        this.relay = relay;
        this.advisoryLockKey = advisoryLockKey;
        this.database = database;
    }

    OutageScenario lasting(Duration duration) {
        this.outage = duration;
        return this;
    }

    /** The fault takes the relay's leader connection down with it: leadership must be lost and won back. */
    OutageScenario relayLosesLeadership() {
        this.relayLosesLeadership = true;
        return this;
    }

    void run(Fault fault) throws Exception {
        String account = PositionTestClient.uniqueAccount("outage");
        await().atMost(Duration.ofSeconds(60)).until(relay::isLeader);
        await().atMost(Duration.ofSeconds(60)).until(() -> readinessStatus() == 200);

        List<String> sent = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger sequence = new AtomicInteger();
        ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "outage-commands"));
        // Opens, status queries and closes over a few symbols, with a market tick each, so that entries fill and the
        // paper venue's tick consumer and the venue-event consumer meet the outage too. While a broker is away the
        // test's producer blocks in send() (the Kafka 4 client drops its metadata and waits to bootstrap again), so the
        // commands of a broker outage queue in the sender and are sent when the broker is back.
        Runnable sendOne = () -> {
            int n = sequence.getAndIncrement();
            PositionCommand command = next(account, n);
            sent.add(command.commandId());
            kafka.sendCommandAsync(command);
            kafka.tickAsync(symbol(n), new BigDecimal("100.00"), new BigDecimal("100.02"));
        };
        sender.scheduleAtFixedRate(sendOne, 0, 50, TimeUnit.MILLISECONDS);
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> kafka.resultsForAccount(account).size() >= 20);
            // A burst acknowledged by the broker just before the fault: commands in flight in the service when it hits.
            sender.submit(() -> {
                for (int i = 0; i < 40; i++) {
                    sendOne.run();
                }
                kafka.flush();
            }).get(30, TimeUnit.SECONDS);

            long outageStarted = System.nanoTime();
            fault.begin();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> readinessStatus() != 200);
            long readinessDown = System.nanoTime();
            if (relayLosesLeadership) {
                await().atMost(Duration.ofSeconds(30)).until(() -> !relay.isLeader());
            }
            await().atMost(outage.plusSeconds(30)).until(() -> System.nanoTime() - outageStarted >= outage.toNanos());
            int sentBeforeTheEnd = sent.size();
            fault.end();
            long outageEnded = System.nanoTime();

            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> readinessStatus() == 200);
            long readinessUp = System.nanoTime();
            List<String> beforeUp = List.copyOf(sent);
            await().atMost(Duration.ofSeconds(90)).until(() -> answered(account).keySet().containsAll(beforeUp));
            long caughtUp = System.nanoTime();
            sender.shutdown();
            assertThat(sender.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
            kafka.flush();
            await().atMost(Duration.ofSeconds(60)).until(() -> answered(account).keySet().containsAll(sent));

            Map<String, Set<CommandResult>> answers = answered(account);
            assertThat(answers.keySet()).containsExactlyInAnyOrderElementsOf(sent);
            // The relay publishes at least once: a copy of the same result may follow a fault between send and mark,
            // and consumers drop it. A second, different result would be a second effect.
            assertThat(answers).allSatisfy((commandId, results) -> assertThat(results).as("results of " + commandId).hasSize(1));
            long copies = kafka.resultsForAccount(account).size() - answers.size();
            // The history as a plain consumer read it keeps every promise (#16's history checker).
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(io.positrack.infra.history.HistoryChecker.check(
                    kafka.history(account, List.copyOf(sent)))).isEmpty());
            assertThat(kafka.deadLettersContaining(account)).as("commands dead-lettered for the outage").isEmpty();
            assertThat(database.count("SELECT count(*) FROM inbox WHERE source = 'position-commands' AND message_id = ANY (?)",
                    (Object) sent.toArray(String[]::new))).as("commands applied, once each").isEqualTo(sent.size());

            await().atMost(Duration.ofSeconds(30)).until(relay::isLeader);
            assertThat(database.count("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted "
                    + "AND ((classid::bigint << 32) | objid::bigint) = ?", advisoryLockKey))
                    .as("sessions holding the relay's advisory lock").isEqualTo(1);

            String fresh = "OUTFILLUSD";
            kafka.sendCommand(PositionTestClient.open(account, fresh, Side.BUY, "1", "95.00", "110.00"));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                kafka.tick(fresh, "100.00", "100.02");
                return database.count("SELECT count(*) FROM positions WHERE account = ? AND symbol = ? AND status = 'ACTIVE'",
                        account, fresh) == 1;
            });
            System.out.printf("%s: %d commands (%d sent before the fault ended), outage %d ms; readiness DOWN %d ms after the "
                    + "fault began, UP %d ms after it ended; every command sent until then answered %d ms after the end; "
                    + "%d results published twice (identical copies)%n",
                    name, sent.size(), sentBeforeTheEnd, millis(outageEnded - outageStarted), millis(readinessDown - outageStarted),
                    millis(readinessUp - outageEnded), millis(caughtUp - outageEnded), copies);
        } finally {
            sender.shutdownNow();
        }
    }

    /**
     * The readiness status code, or 0 when the endpoint does not answer within 2 s: a probe that times out counts as a
     * failure, as Kubernetes counts it (a stalled database can hold a health check as long as it holds any query).
     */
    private static int readinessStatus() {
        HttpRequest request = HttpRequest.newBuilder(URI.create(ManagementInterface.url("/q/health/ready")))
                .timeout(Duration.ofSeconds(2)).build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (HttpTimeoutException e) {
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }

    /** The distinct results of each command of the account. */
    private Map<String, Set<CommandResult>> answered(String account) {
        Map<String, Set<CommandResult>> results = new HashMap<>();
        for (CommandResult result : kafka.resultsForAccount(account)) {
            results.computeIfAbsent(result.commandId(), id -> new HashSet<>()).add(result);
        }
        return results;
    }

    private static String symbol(int n) {
        return "OUT%dUSD".formatted(n % SYMBOLS);
    }

    private static PositionCommand next(String account, int n) {
        String symbol = symbol(n);
        return switch ((n / SYMBOLS) % 3) {
            case 0 -> PositionTestClient.open(account, symbol, Side.BUY, "1", null, null);
            case 1 -> PositionTestClient.status(account, symbol);
            default -> PositionTestClient.close(account, symbol);
        };
    }
}
