package io.positrack.position.outage;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.positrack.contracts.position.CommandResult;
import io.positrack.contracts.position.PositionCommand;
import io.positrack.contracts.position.Side;
import io.positrack.infra.fault.FaultProxy;
import io.positrack.position.config.PositionConfig;
import io.positrack.position.outbox.OutboxRelay;
import io.positrack.position.support.Database;
import io.positrack.position.support.PositionTestClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue 16: PostgreSQL goes away under the running service (every connection reset, new ones refused) for a few
 * seconds while commands flow, and comes back. Nothing is restarted by hand: the pool and the outbox relay's leader
 * connection reconnect, the commands caught in the outage are retried rather than dead-lettered, each ends with
 * exactly one result, one relay leads again, and readiness is DOWN during the outage and UP afterwards by itself.
 */
@QuarkusTest
@WithTestResource(ProxiedPostgres.class)
class PostgresOutageTest {

    private static final Duration OUTAGE = Duration.ofSeconds(6);
    private static final int SYMBOLS = 8;

    private final PositionTestClient kafka = PositionTestClient.get();

    @Inject
    OutboxRelay relay;

    @Inject
    PositionConfig config;

    @Test
    void commandsCaughtInADatabaseOutageAreAnsweredOnceAfterItAndTheServiceRecoversByItself() throws Exception {
        FaultProxy postgres = ProxiedPostgres.proxy();
        String account = PositionTestClient.uniqueAccount("outage");
        await().atMost(Duration.ofSeconds(30)).until(relay::isLeader);
        given().get("/q/health/ready").then().statusCode(200);

        List<String> sent = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicInteger sequence = new AtomicInteger();
        ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "outage-commands"));
        // 20 commands a second over a few symbols, before, during and after the outage: opens, status queries and closes,
        // with a market tick each, so that entries fill (the paper venue's tick consumer and the venue-event consumer
        // meet the outage too).
        sender.scheduleAtFixedRate(() -> {
            int n = sequence.getAndIncrement();
            PositionCommand command = next(account, n);
            kafka.sendCommandAsync(command);
            kafka.tickAsync(symbol(n), new BigDecimal("100.00"), new BigDecimal("100.02"));
            kafka.flush();
            sent.add(command.commandId());
        }, 0, 50, TimeUnit.MILLISECONDS);
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> kafka.resultsForAccount(account).size() >= 20);

            long outageStarted = System.nanoTime();
            postgres.down();
            postgres.cutAll();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> given().get("/q/health/ready").statusCode() == 503);
            long readinessDown = System.nanoTime();
            await().atMost(Duration.ofSeconds(30)).until(() -> !relay.isLeader());
            // The outage lasts OUTAGE from its start; the sender goes on meanwhile, and Kafka keeps what it sends.
            await().atMost(OUTAGE.plusSeconds(5)).until(() -> System.nanoTime() - outageStarted >= OUTAGE.toNanos());
            int sentDuringOutage = sent.size();
            postgres.up();
            long outageEnded = System.nanoTime();

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> given().get("/q/health/ready").statusCode() == 200);
            long readinessUp = System.nanoTime();
            int firstAfter = sent.size();
            await().atMost(Duration.ofSeconds(60)).until(() -> answered(account).keySet().containsAll(sent.subList(0, firstAfter)));
            long caughtUp = System.nanoTime();
            sender.shutdown();
            assertThat(sender.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
            await().atMost(Duration.ofSeconds(60)).until(() -> answered(account).keySet().containsAll(sent));

            Map<String, Set<CommandResult>> answers = answered(account);
            assertThat(answers.keySet()).containsExactlyInAnyOrderElementsOf(sent);
            // Exactly one result each; the relay publishes at least once, so a copy of the same result may follow a cut
            // between send and mark, and consumers drop it.
            assertThat(answers).allSatisfy((commandId, results) -> assertThat(results).as("results of " + commandId).hasSize(1));
            long copies = kafka.resultsForAccount(account).size() - answers.size();
            assertThat(kafka.deadLettersContaining(account)).as("commands dead-lettered for the outage").isEmpty();
            await().atMost(Duration.ofSeconds(30)).until(relay::isLeader);
            // Every consumer rode out the outage: a new position fills on the next ticks and gets its stops.
            String fresh = "OUTFILLUSD";
            kafka.sendCommand(PositionTestClient.open(account, fresh, Side.BUY, "1", "95.00", "110.00"));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                kafka.tick(fresh, "100.00", "100.02");
                return Database.count("SELECT count(*) FROM positions WHERE account = ? AND symbol = ? AND status = 'ACTIVE'",
                        account, fresh) == 1;
            });
            assertThat(Database.count("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted "
                    + "AND ((classid::bigint << 32) | objid::bigint) = ?", config.outbox().advisoryLockKey()))
                    .as("sessions holding the relay's advisory lock").isEqualTo(1);
            System.out.printf("PostgresOutageTest: %d commands (%d sent before the database came back), outage %d ms; "
                    + "readiness DOWN %d ms after the fault, UP %d ms after the database came back; "
                    + "every command sent before then answered %d ms after it; %d results published twice (identical copies)%n",
                    sent.size(), sentDuringOutage, (outageEnded - outageStarted) / 1_000_000, (readinessDown - outageStarted) / 1_000_000,
                    (readinessUp - outageEnded) / 1_000_000, (caughtUp - outageEnded) / 1_000_000, copies);
        } finally {
            sender.shutdownNow();
        }
    }

    /** The distinct results of each command of the account: a second, different result would make two. */
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
