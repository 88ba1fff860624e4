package io.positrack.position.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.positrack.contracts.position.CommandResult;
import io.positrack.contracts.position.Outcome;
import io.positrack.contracts.position.PositionCommand;
import io.positrack.contracts.position.Side;
import io.positrack.infra.InfraSettings;
import io.positrack.infra.LocalInfrastructure;
import io.positrack.infra.PostgresNode;
import io.positrack.infra.RunSize;
import io.positrack.infra.ServiceProcess;
import io.positrack.position.support.PositionTestClient;
import io.positrack.position.support.RunRecord;

/**
 * I1-I6 and I10 on the packaged service: a mixed run of 10,000 commands over 100 symbols, with every
 * paper-venue fault switched on (seeded) and the service process killed by SIGKILL part-way through and
 * started again from its jar. Afterwards every command has exactly one effect and one result, a plain
 * consumer of {@code position-events} sees every position's versions 1..n contiguous, in order, and
 * equal to the audit table, the database equals the venue's truth, and the venue's working orders are exactly
 * the stop losses and take profits the open positions want (issue 15: failed cancels and far-future times among the faults).
 */
class KillDuringLoadIT {

    /**
     * Set in the root pom: 10,000 under {@code -Pcampaign} (issue 3), which make more than 10,000 distinct venue
     * events (order updates and position reports; issue 6 asks for at least that many, checked below); fewer in the
     * default verify, where the count is only printed. {@code -Dpositrack.crash.commands=N} to resize a run.
     */
    private static final int COMMANDS = RunSize.of("positrack.crash.commands");
    private static final int SYMBOLS = 100;
    private static final String INBOX_SOURCE = "position-commands";
    private static final long FAULT_SEED = Long.getLong("positrack.crash.seed", 20261121L);

    private static LocalInfrastructure infra;
    private static PostgresNode.Database db;
    private static ServiceProcess service;
    private static PositionTestClient client;
    private static RunRecord run;

    @BeforeAll
    static void start() {
        infra = LocalInfrastructure.start(InfraSettings.fromEnvironment());
        Map<String, String> config = new LinkedHashMap<>(infra.quarkusConfig("crash"));
        db = infra.postgres().database("crash");
        // Short enough that intents lost in the kill window are re-sent within the test's patience.
        config.put("positrack.position.intents.resend-after", "2s");
        config.put("positrack.position.intents.sweep-interval", "1s");
        // Every venue fault the paper venue can inject, from a fixed seed: lost, duplicated and delayed (so
        // reordered) stream events, placements that time out after the order was taken, partial fills, and
        // snapshots 300 ms behind the stream.
        // Reconciliation runs twice a second so that its snapshots race the stream as much as possible.
        config.put("positrack.position.paper.faults.seed", Long.toString(FAULT_SEED));
        config.put("positrack.position.paper.faults.drop-events", "0.02");
        config.put("positrack.position.paper.faults.duplicate-events", "0.05");
        config.put("positrack.position.paper.faults.placement-timeouts", "0.02");
        config.put("positrack.position.paper.faults.delay-events", "0.05");
        config.put("positrack.position.paper.faults.max-delay", "500ms");
        // Fills that take only part of an order: more venue events, and entries cancelled or exits refused after a part filled.
        config.put("positrack.position.paper.faults.partial-fills", "0.5");
        // Cancels that fail (the order keeps working) and order updates dated in 2999 (refused as dead letters): what
        // protective-order reconciliation and the bounded clock must make good (issue 15).
        config.put("positrack.position.paper.faults.failed-cancels", "0.05");
        config.put("positrack.position.paper.faults.future-dated-events", "0.01");
        config.put("positrack.position.paper.snapshot-lag", "300ms");
        config.put("positrack.position.reconciliation.interval", "500ms");
        Path jar = Path.of(System.getProperty("positrack.position-service.jar", "target/quarkus-app/quarkus-run.jar"));
        service = ServiceProcess.of("position-service", jar, config, Path.of("target", "crash-it", "position-service.log"))
                .start();
        client = PositionTestClient.connect(infra.kafka().bootstrapServers());
        run = new RunRecord(db, client);
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (service != null) {
            service.stop();
        }
        if (infra != null) {
            infra.close();
        }
    }

    @Test
    void aKilledAndRestartedServiceLosesNoCommandAppliesNoneTwiceAndKeepsEventsContiguous() throws Exception {
        String account = PositionTestClient.uniqueAccount("crash");
        Workload workload = new Workload(account, new Random(20261121L), new Random(FAULT_SEED));
        workload.startMarket(client);
        List<String> sent = new ArrayList<>();

        // 70 % while the service runs: most of it paced by the answers, as users and bots send commands over
        // time (so positions live alongside the real-time market: fills, stops, exits); then a burst, and kill -9
        // while that burst is in flight.
        long started = System.nanoTime();
        int paced = COMMANDS * 6 / 10;
        sent.addAll(workload.sendPaced(client, paced, () -> run.answered(account).size(), 200));
        sent.addAll(workload.send(client, COMMANDS * 7 / 10 - paced));
        await().atMost(Duration.ofMinutes(3)).until(() -> run.answered(account).size() >= paced);
        service.kill();
        int answeredAtKill = run.answered(account).size();
        // The rest arrives while no service runs: Kafka keeps it.
        sent.addAll(workload.send(client, COMMANDS - COMMANDS * 7 / 10));
        service.start();

        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500))
                .until(() -> run.answered(account).size() == COMMANDS);
        long allAnswered = System.nanoTime();
        // Let every open order settle: ticks fill entries and exits; the sweeper re-sends intents the kill lost.
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                .conditionEvaluationListener(condition -> {
                    if (condition.getRemainingTimeInMS() <= condition.getPollInterval().toMillis()) {
                        System.out.println("KillDuringLoadIT: still waiting on the venue: " + unsettled(account));
                    }
                })
                .until(() -> {
                    workload.tickEverySymbol(client);
                    return run.count("SELECT count(*) FROM positions WHERE account = ? AND status IN ('PENDING_ENTRY', 'ENTRY_PLACED', 'PENDING_SL', 'CLOSING')",
                            account) == 0;
                });
        // The database comes to equal the venue's truth: what is open, per symbol, is exactly what the venue
        // holds (stream events the faults dropped are made good by the sweeper's lookups and by reconciliation).
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(run.openInDatabase(account)).isEqualTo(heldOnVenue(account)));
        // The venue's working orders come to equal what the open positions want, symbol by symbol: no leftover stop of
        // a closed position or of an earlier stops attempt, no protection missing (failed cancels and lost updates
        // made good by protective-order reconciliation).
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(workingOnVenue(account)).isEqualTo(wantedByOpenPositions(account)));
        // The last ticks may still trigger stops: wait until the relay has published everything committed.
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                .until(() -> run.count("SELECT count(*) FROM outbox WHERE published_at IS NULL") == 0
                        && run.distinctEventVersions(account) == run.auditRows(account));
        long auditRows = run.auditRows(account);
        long settled = System.nanoTime();
        workload.stopMarket();

        // No command lost: each one sent has a result on command-results, and nothing else has.
        Map<String, List<ConsumerRecord<String, String>>> results = run.answered(account);
        assertThat(results.keySet()).containsExactlyInAnyOrderElementsOf(sent);
        // None applied twice: one inbox row, one result row in the outbox, at most one transition each.
        assertThat(run.count("SELECT count(*) FROM inbox WHERE source = ? AND message_id = ANY (?)", INBOX_SOURCE, sent.toArray(String[]::new)))
                .isEqualTo(COMMANDS);
        assertThat(run.count("SELECT count(*) FROM outbox WHERE aggregatetype = 'command-results' AND payload->>'account' = ?", account))
                .isEqualTo(COMMANDS);
        assertThat(run.count("""
                SELECT count(*) FROM (SELECT e.cause FROM position_events e JOIN positions p ON p.id = e.position_id
                 WHERE p.account = ? AND e.cause NOT LIKE 'venue:%' GROUP BY e.cause HAVING count(*) > 1) twice""", account))
                .isZero();
        // A result published twice (relay killed between send and mark) is the same record both times.
        int republishedResults = 0;
        for (List<ConsumerRecord<String, String>> copies : results.values()) {
            assertThat(copies).extracting(ConsumerRecord::value).containsOnly(copies.get(0).value());
            republishedResults += copies.size() - 1;
        }
        assertThat(results.values()).flatMap(copies -> copies)
                .map(r -> PositionTestClient.read(r.value(), CommandResult.class).outcome())
                .doesNotContain(Outcome.REJECTED_INVALID);
        // I1 held throughout: never two open rows for one symbol.
        assertThat(run.count("""
                SELECT count(*) FROM (SELECT symbol FROM positions WHERE account = ? AND status IN
                ('PENDING_ENTRY', 'ENTRY_PLACED', 'PENDING_SL', 'ACTIVE', 'CLOSING') GROUP BY symbol HAVING count(*) > 1) twice""", account))
                .isZero();

        int republishedEvents = run.assertEventsContiguousAndEqualToAuditTrail(account);
        // The independent history checker (#16) reads the same topics as a plain consumer and agrees.
        assertThat(io.positrack.infra.history.HistoryChecker.check(client.history(account, sent))).isEmpty();
        // Ticks ran until stopMarket() above, so a stop or take profit may have filled (partly) on the venue after the
        // first comparison; its order update is applied moments later. With the market stopped the two must meet again.
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> assertThat(run.openInDatabase(account)).isEqualTo(heldOnVenue(account)));
        long orderUpdates = run.count("SELECT count(*) FROM inbox WHERE source = 'venue-events'");
        long reports = run.count("SELECT count(*) FROM inbox WHERE source IN ('venue-reports', 'venue-snapshots')");
        long venueEvents = orderUpdates + reports;
        System.out.printf("KillDuringLoadIT: %d distinct venue events applied: %d order updates, %d position reports%n", venueEvents,
                orderUpdates, reports);
        System.out.printf("KillDuringLoadIT: %d commands, %d answered before kill -9, %d audit events, "
                + "%d positions, republished after the kill: %d results, %d events (deduplicated by consumers); "
                + "all answered after %d s, settled after %d s; fault seed %d, injected since the restart: %s; reconciliation: %s%n",
                COMMANDS, answeredAtKill, auditRows, run.count("SELECT count(*) FROM positions WHERE account = ?", account),
                republishedResults, republishedEvents, Duration.ofNanos(allAnswered - started).toSeconds(),
                Duration.ofNanos(settled - started).toSeconds(), FAULT_SEED, RunRecord.metricLines(service.managementUrl(), "positrack_paper_faults_total"),
                RunRecord.metricLines(service.managementUrl(), "positrack_reconciliation_reports_total"));
        System.out.printf("KillDuringLoadIT: venue orders repaired since the restart: %s; venue times refused: %s; "
                + "repairs recorded over the run: %s%n", RunRecord.metricLines(service.managementUrl(), "positrack_reconciliation_orders_total"),
                RunRecord.metricLines(service.managementUrl(), "positrack_clock_refused_total"),
                run.breakdown("SELECT action, count(*) FROM venue_order_repairs GROUP BY action ORDER BY action"));
        System.out.printf("KillDuringLoadIT: order updates received by status: %s; positions by status and reason: %s%n",
                run.breakdown("SELECT status, count(*) FROM venue_order_updates GROUP BY status ORDER BY status"),
                run.breakdown("SELECT status || '/' || coalesce(close_reason, '-'), count(*) FROM positions GROUP BY 1 ORDER BY 1"));
        // What reconciliation had to repair, symbol by symbol: every position's events on a symbol that saw an
        // adoption or a reconciled close (the stream events the faults dropped, made good).
        System.out.printf("KillDuringLoadIT: repaired by reconciliation: %s%n", run.breakdown("""
                SELECT p.symbol || ' #' || p.id || ' ' || string_agg(e.type || coalesce('(' || e.cause || ')', ''), ' > ' ORDER BY e.version), p.id
                  FROM positions p JOIN position_events e ON e.position_id = p.id
                 WHERE p.symbol IN (SELECT symbol FROM positions WHERE origin = 'ADOPTED' OR close_reason = 'RECONCILED')
                 GROUP BY p.symbol, p.id ORDER BY p.symbol, p.id"""));
        if (COMMANDS >= 10_000) {
            // Issue 6 asks for a randomized run of at least 10,000 venue events with every fault on.
            assertThat(venueEvents).as("distinct venue events in the full run").isGreaterThanOrEqualTo(10_000);
        }
    }


    /** Positions still waiting on the venue, with what the paper venue's book says of their orders. */
    private static List<String> unsettled(String account) {
        List<String> rows = new ArrayList<>();
        try (Connection c = run.connect(); PreparedStatement s = c.prepareStatement("""
                SELECT p.id, p.status, p.version, p.updated_at,
                       (SELECT string_agg(o.client_order_id || '=' || o.status, ',') FROM paper.orders o
                         WHERE o.client_order_id LIKE 'pt-' || p.id || '-%') AS orders
                  FROM positions p WHERE p.account = ? AND p.status IN ('PENDING_ENTRY', 'ENTRY_PLACED', 'PENDING_SL', 'CLOSING')
                 ORDER BY p.id LIMIT 20""")) {
            s.setString(1, account);
            ResultSet rs = s.executeQuery();
            while (rs.next()) {
                rows.add("#" + rs.getLong(1) + " " + rs.getString(2) + " v" + rs.getLong(3) + " since " + rs.getString(4)
                        + " orders[" + rs.getString(5) + "]");
            }
        } catch (SQLException e) {
            rows.add(e.toString());
        }
        return rows;
    }




    /** "symbol client-order-id" of every order working on the paper book for the account. */
    private static java.util.Set<String> workingOnVenue(String account) throws SQLException {
        return strings(account, "SELECT symbol || ' ' || client_order_id FROM paper.orders WHERE account = ? AND status IN ('NEW', 'PARTIALLY_FILLED')");
    }

    /**
     * What the open positions want working, stated here independently of the service's code as the oracle: once every
     * position has settled (ACTIVE or finished), the stop loss and take profit of each ACTIVE position, under the attempt
     * of the last transition that decided its stops (its entry fill or a stops update).
     */
    private static java.util.Set<String> wantedByOpenPositions(String account) throws SQLException {
        return strings(account, """
                SELECT p.symbol || ' pt-' || p.id || '-' || kind.code || '-' || a.attempt
                  FROM positions p
                  JOIN (SELECT position_id, max(version) AS attempt FROM position_events
                         WHERE type IN ('PositionEntryFilled', 'PositionStopsUpdated') GROUP BY position_id) a ON a.position_id = p.id
                  CROSS JOIN (VALUES ('sl'), ('tp')) AS kind (code)
                 WHERE p.account = ? AND p.status = 'ACTIVE'
                   AND ((kind.code = 'sl' AND p.stop_loss IS NOT NULL) OR (kind.code = 'tp' AND p.take_profit IS NOT NULL))""");
    }

    private static java.util.Set<String> strings(String account, String sql) throws SQLException {
        java.util.Set<String> values = new java.util.TreeSet<>();
        try (Connection c = run.connect(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, account);
            ResultSet rs = s.executeQuery();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    private static Map<String, BigDecimal> heldOnVenue(String account) throws SQLException {
        return run.signedQuantities(account, "SELECT symbol, quantity FROM paper.positions WHERE account = ?");
    }







    /** A reproducible mix of every command type over many symbols, with market ticks in between. */
    static final class Workload {

        private final String account;
        private final Random random;
        private final List<String> symbols = new ArrayList<>();
        private final Map<String, BigDecimal> prices = new java.util.concurrent.ConcurrentHashMap<>();
        private final Random marketRandom;
        private final java.util.concurrent.ScheduledExecutorService market = java.util.concurrent.Executors
                .newSingleThreadScheduledExecutor(r -> new Thread(r, "crash-it-market"));

        Workload(String account, Random random, Random marketRandom) {
            this.account = account;
            this.random = random;
            this.marketRandom = marketRandom;
            for (int i = 0; i < SYMBOLS; i++) {
                String symbol = "CR%03dUSD".formatted(i);
                symbols.add(symbol);
                prices.put(symbol, new BigDecimal("100.00"));
            }
        }

        List<String> send(PositionTestClient client, int n) {
            List<String> ids = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                PositionCommand command = next(symbols.get(random.nextInt(SYMBOLS)));
                client.sendCommandAsync(command);
                ids.add(command.commandId());
            }
            client.flush();
            return ids;
        }

        /** Sends one command of the mix and returns it (ReplicasIT keeps each command's symbol and send time). */
        PositionCommand sendOne(PositionTestClient client) {
            PositionCommand command = next(symbols.get(random.nextInt(SYMBOLS)));
            client.sendCommandAsync(command);
            return command;
        }

        /** Sends {@code n} commands, never more than {@code window} ahead of the answers. */
        List<String> sendPaced(PositionTestClient client, int n, java.util.function.IntSupplier answered, int window) {
            List<String> ids = new ArrayList<>(n);
            for (int i = 0; i < n; i += 50) {
                int ahead = i;
                await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50))
                        .until(() -> answered.getAsInt() >= ahead - window);
                ids.addAll(send(client, Math.min(50, n - i)));
            }
            return ids;
        }

        /**
         * The market runs in real time beside the commands, as a feed does: every symbol ticks once a second,
         * also while the service is down. Ticks sent in one burst with the commands would be consumed long
         * before the commands they were meant to follow, and most entries would never fill.
         */
        void startMarket(PositionTestClient client) {
            market.scheduleAtFixedRate(() -> tickEverySymbol(client), 0, 1, java.util.concurrent.TimeUnit.SECONDS);
        }

        void stopMarket() {
            market.shutdownNow();
        }

        synchronized void tickEverySymbol(PositionTestClient client) {
            symbols.forEach(symbol -> tick(client, symbol));
            client.flush();
        }

        private void tick(PositionTestClient client, String symbol) {
            // A random walk of up to ±0.5 % a tick: enough for stops 1 % away to trigger now and then.
            BigDecimal move = BigDecimal.valueOf(marketRandom.nextInt(101) - 50, 4);
            BigDecimal price = prices.get(symbol).multiply(BigDecimal.ONE.add(move)).setScale(2, RoundingMode.HALF_UP);
            prices.put(symbol, price);
            client.tickAsync(symbol, price, price.add(new BigDecimal("0.02")));
        }

        private PositionCommand next(String symbol) {
            String id = UUID.randomUUID().toString();
            Instant now = Instant.now();
            BigDecimal price = prices.get(symbol);
            int r = random.nextInt(100);
            if (r < 35) {
                Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
                BigDecimal below = price.multiply(new BigDecimal("0.99")).setScale(2, RoundingMode.HALF_UP);
                BigDecimal above = price.multiply(new BigDecimal("1.01")).setScale(2, RoundingMode.HALF_UP);
                return new PositionCommand.OpenPosition(id, account, "paper", symbol, side, new BigDecimal("1.5"), price,
                        side == Side.BUY ? below : above, side == Side.BUY ? above : below, "sig-" + id, 7L, now);
            } else if (r < 60) {
                return new PositionCommand.ClosePosition(id, account, "paper", symbol, null, null, 7L, now);
            } else if (r < 75) {
                return new PositionCommand.QueryStatus(id, account, "paper", symbol, 7L, now, null);
            } else if (r < 85) {
                return new PositionCommand.UpdateStops(id, account, "paper", symbol, null,
                        price.multiply(new BigDecimal("1.02")).setScale(2, RoundingMode.HALF_UP), 7L, now);
            } else if (r < 90) {
                return new PositionCommand.ExpirePending(id, account, "paper", symbol, 7L, now, null);
            } else if (r < 95) {
                return new PositionCommand.History(id, account, symbol, 5, 7L, now);
            }
            return new PositionCommand.ListOpen(id, account, 7L, now);
        }
    }
}
