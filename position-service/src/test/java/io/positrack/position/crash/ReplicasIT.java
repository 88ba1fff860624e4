package io.positrack.position.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.positrack.contracts.Topics;
import io.positrack.contracts.position.CommandResult;
import io.positrack.contracts.position.PositionCommand;
import io.positrack.infra.InfraSettings;
import io.positrack.infra.LocalInfrastructure;
import io.positrack.infra.PostgresNode;
import io.positrack.infra.RunSize;
import io.positrack.infra.ServiceProcess;
import io.positrack.infra.fuzz.DeadLetterReader;
import io.positrack.infra.history.HistoryChecker;
import io.positrack.position.support.PositionTestClient;
import io.positrack.position.support.RunRecord;

/**
 * Row 21 of the promise and issue 16's replica part, on packaged services: three position-service replicas as
 * processes on one database and one broker, under a steady mixed load over 100 symbols with every paper-venue fault
 * on, while a replica that owns {@code position-commands} partitions is killed with SIGKILL, then the outbox relay's
 * leader (both restarted under their names, as containers in their pods), then one replica is stopped for good
 * (scale down) and a new one started (scale up). Afterwards every
 * command has exactly one effect and one result, {@code position-events} is contiguous per position, the history
 * checker explains every answer, exactly one relay leads and nothing was dead-lettered. The time from each fault to
 * the first answer again on the partitions it hit is printed (the target: 5 s).
 */
class ReplicasIT {

    /** Set in the root pom (short in the default verify, long under {@code -Pcampaign}): the least number of commands sent. */
    private static final int COMMANDS = RunSize.of("positrack.replicas.commands");
    /** Commands a second the sender offers; the faults happen while they flow. */
    private static final int RATE = Integer.getInteger("positrack.replicas.rate", 20);
    /**
     * A fault whose partitions answer nothing for this long fails the run (issue 16's target, 5 s, is printed beside
     * each figure): generous bounds on a shared 2-core machine, far below "never" (the relay handover takes 2 to 3 s,
     * an owner's partitions its 6 s session and the backlog). The scale-down's includes the graceful stop itself (11 s).
     */
    private static final long RELAY_LIMIT_SECONDS = 10;
    private static final long OWNER_LIMIT_SECONDS = 20;
    private static final long SCALE_DOWN_LIMIT_SECONDS = 30;
    private static final long FAULT_SEED = 20261203L;
    private static final String GROUP = "position-service";

    private static LocalInfrastructure infra;
    private static PostgresNode.Database db;
    private static Map<String, String> baseConfig;
    private static final Map<String, ServiceProcess> replicas = new ConcurrentHashMap<>();
    private static PositionTestClient client;
    private static RunRecord run;
    private static Admin admin;
    private static int partitions;

    @BeforeAll
    static void start() throws Exception {
        InfraSettings settings = InfraSettings.fromEnvironment();
        partitions = settings.partitions();
        infra = LocalInfrastructure.start(settings);
        db = infra.postgres().database("replicas");
        baseConfig = new LinkedHashMap<>(infra.quarkusConfig("replicas"));
        // The venue faults and timings of KillDuringLoadIT: lost, duplicated, delayed stream events, placement timeouts,
        // partial fills, failed cancels, far-future updates, lagging snapshots, reconciliation racing the stream.
        baseConfig.put("positrack.position.intents.resend-after", "2s");
        baseConfig.put("positrack.position.intents.sweep-interval", "1s");
        baseConfig.put("positrack.position.paper.faults.seed", Long.toString(FAULT_SEED));
        baseConfig.put("positrack.position.paper.faults.drop-events", "0.02");
        baseConfig.put("positrack.position.paper.faults.duplicate-events", "0.05");
        baseConfig.put("positrack.position.paper.faults.placement-timeouts", "0.02");
        baseConfig.put("positrack.position.paper.faults.delay-events", "0.05");
        baseConfig.put("positrack.position.paper.faults.max-delay", "500ms");
        baseConfig.put("positrack.position.paper.faults.partial-fills", "0.5");
        baseConfig.put("positrack.position.paper.faults.failed-cancels", "0.05");
        baseConfig.put("positrack.position.paper.faults.future-dated-events", "0.01");
        baseConfig.put("positrack.position.paper.snapshot-lag", "300ms");
        baseConfig.put("positrack.position.reconciliation.interval", "500ms");
        client = PositionTestClient.connect(infra.kafka().bootstrapServers());
        run = new RunRecord(db, client);
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafka().bootstrapServers());
        admin = Admin.create(p);
        // replica-c first, so that it takes the relay's lock; the range assignor gives position-commands to the
        // members whose instance ids sort first (replica-a), so the relay leader and the partition owner differ
        // and each kill shows one recovery.
        startReplica("replica-c");
        await().atMost(Duration.ofSeconds(30)).until(() -> relayLeaders().equals(List.of("replica-c")));
        CompletableFuture<Void> a = CompletableFuture.runAsync(() -> startReplica("replica-a"));
        CompletableFuture<Void> b = CompletableFuture.runAsync(() -> startReplica("replica-b"));
        CompletableFuture.allOf(a, b).join();
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (admin != null) {
            admin.close();
        }
        // In parallel: one graceful stop waits for its records in flight, several in a row would add up.
        CompletableFuture.allOf(replicas.values().stream().map(r -> CompletableFuture.runAsync(r::stop))
                .toArray(CompletableFuture[]::new)).join();
        if (infra != null) {
            infra.close();
        }
    }

    @Test
    void threeReplicasSurviveKillsOfTheRelayLeaderAndOfAPartitionOwnerAndScalingWithEveryCommandAppliedOnce() throws Exception {
        String account = PositionTestClient.uniqueAccount("replicas");
        KillDuringLoadIT.Workload workload = new KillDuringLoadIT.Workload(account, new Random(20261203L), new Random(FAULT_SEED));
        workload.startMarket(client);
        Sender sender = new Sender(workload);
        long started = System.currentTimeMillis();
        Thread sending = new Thread(sender, "replicas-it-sender");
        sending.start();
        List<String> figures = new ArrayList<>();

        // 1. kill -9 of a replica that owns position-commands partitions and is not the relay leader: its partitions
        // wait for its static members' session to time out before a survivor gets them.
        sender.awaitSent(COMMANDS / 6);
        String owner = busiestOwner(partitionOwners(), relayLeaders());
        Set<Integer> owned = partitionOwners().get(owner);
        long kill = System.currentTimeMillis();
        replicas.get(owner).kill();
        double ownerResumed = sender.resumedAfter(kill, owned);
        figures.add("ReplicasIT: answers resumed %.1f s after kill -9 of partition owner %s (partitions %s; target 5 s)"
                .formatted(ownerResumed, owner, owned));
        // Kubernetes restarts the container in its pod under the same name; meanwhile the run goes on.
        CompletableFuture<Void> ownerBack = CompletableFuture.runAsync(() -> restartReplica(owner));

        // 2. kill -9 of the relay leader: nothing is published until a standby takes the lock, on any partition.
        List<String> leaders = relayLeaders();
        assertThat(leaders).hasSize(1);
        String leader = leaders.get(0);
        Set<Integer> hit = otherPartitions(partitionOwners().getOrDefault(leader, Set.of()));
        kill = System.currentTimeMillis();
        replicas.get(leader).kill();
        double relayResumed = sender.resumedAfter(kill, hit);
        await().atMost(Duration.ofSeconds(10)).until(() -> relayLeaders().size() == 1 && !relayLeaders().contains(leader));
        figures.add("ReplicasIT: answers resumed %.1f s after kill -9 of the relay leader %s (new leader %s; target 5 s)"
                .formatted(relayResumed, leader, relayLeaders().get(0)));
        CompletableFuture<Void> leaderBack = CompletableFuture.runAsync(() -> restartReplica(leader));
        CompletableFuture.allOf(ownerBack, leaderBack).join();

        // 3. Scale down: the busiest owner stops gracefully and does not come back (its pod is gone).
        String leaving = busiestOwner(partitionOwners(), relayLeaders());
        Set<Integer> left = partitionOwners().get(leaving);
        long stop = System.currentTimeMillis();
        ServiceProcess gone = replicas.remove(leaving);
        CompletableFuture<Void> stopped = CompletableFuture.runAsync(gone::stop);
        double scaleDownResumed = sender.resumedAfter(stop, left);
        stopped.join();
        figures.add("ReplicasIT: answers resumed %.1f s after scale-down began (graceful stop of %s, partitions %s; the stop took %.1f s)"
                .formatted(scaleDownResumed, leaving, left, (System.currentTimeMillis() - stop) / 1000.0));

        // 4. Scale up: a new replica under a new name joins while commands flow.
        long up = System.currentTimeMillis();
        startReplica("replica-d");
        long ready = System.currentTimeMillis();
        double scaleUpResumed = sender.resumedAfter(ready, allPartitions());
        figures.add("ReplicasIT: replica-d ready %.1f s after its start; answers on every partition %.1f s after it was ready"
                .formatted((ready - up) / 1000.0, scaleUpResumed));

        sender.awaitSent(COMMANDS);
        sender.stop();
        sending.join();
        long sendingEnded = System.currentTimeMillis();
        List<String> sent = sender.sent();
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                .until(() -> run.answered(account).size() == sent.size());
        long allAnswered = System.currentTimeMillis();
        // Let the venue settle (ticks fill entries and exits, the sweeper re-sends lost intents), then let the relay
        // publish everything committed, so that the topic can be compared with the audit trail.
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).until(() -> {
            workload.tickEverySymbol(client);
            return run.count("SELECT count(*) FROM positions WHERE account = ? AND status IN ('PENDING_ENTRY', 'ENTRY_PLACED', 'PENDING_SL', 'CLOSING')",
                    account) == 0;
        });
        workload.stopMarket();
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500))
                .until(() -> run.count("SELECT count(*) FROM outbox WHERE published_at IS NULL") == 0
                        && run.distinctEventVersions(account) == run.auditRows(account));
        long settled = System.currentTimeMillis();

        figures.forEach(System.out::println);
        System.out.printf("ReplicasIT: %d commands in %.1f s of sending: %.1f commands/s answered (offered %d/s)%n", sent.size(),
                (sendingEnded - started) / 1000.0, sent.size() * 1000.0 / (allAnswered - started), RATE);
        System.out.printf("ReplicasIT: total run %.1f s (all answered after %.1f s, settled after %.1f s); %d audit events; "
                + "outcomes %s; partitions at the end %s%n",
                (System.currentTimeMillis() - started) / 1000.0, (allAnswered - started) / 1000.0, (settled - started) / 1000.0,
                run.auditRows(account), outcomes(account), partitionOwners());

        // One result per command, and nothing else answered.
        Map<String, List<ConsumerRecord<String, String>>> results = run.answered(account);
        assertThat(results.keySet()).containsExactlyInAnyOrderElementsOf(sent);
        for (List<ConsumerRecord<String, String>> copies : results.values()) {
            assertThat(copies).extracting(ConsumerRecord::value).containsOnly(copies.get(0).value());
        }
        // One effect per command: one inbox row, one result row, at most one transition per cause.
        Set<String> withoutInboxRow = new TreeSet<>(sent);
        withoutInboxRow.removeAll(inboxIds());
        assertThat(withoutInboxRow).as("commands answered without an inbox row: %s", describe(withoutInboxRow)).isEmpty();
        assertThat(run.count("SELECT count(*) FROM outbox WHERE aggregatetype = 'command-results' AND payload->>'account' = ?", account))
                .isEqualTo(sent.size());
        assertThat(run.count("""
                SELECT count(*) FROM (SELECT e.cause FROM position_events e JOIN positions p ON p.id = e.position_id
                 WHERE p.account = ? AND e.cause NOT LIKE 'venue:%' GROUP BY e.cause HAVING count(*) > 1) twice""", account))
                .isZero();
        // I1 across replicas: never two open rows for one symbol.
        assertThat(run.count("""
                SELECT count(*) FROM (SELECT symbol FROM positions WHERE account = ? AND status IN
                ('PENDING_ENTRY', 'ENTRY_PLACED', 'PENDING_SL', 'ACTIVE', 'CLOSING') GROUP BY symbol HAVING count(*) > 1) twice""", account))
                .isZero();
        int republishedEvents = run.assertEventsContiguousAndEqualToAuditTrail(account);
        System.out.printf("ReplicasIT: %d republished events dropped by the consumer as copies%n", republishedEvents);
        assertThat(HistoryChecker.check(client.history(account, sent))).isEmpty();
        // Exactly one leader, as the database and the replicas themselves see it.
        assertThat(relayLeaders()).hasSize(1);
        assertThat(replicas.values().stream().mapToDouble(r -> gauge(r, "positrack_outbox_leader")).sum()).isEqualTo(1.0);
        // Nothing dead-lettered by a fault of the replicas: no command at all, and no venue event or tick for a reason
        // other than the venue faults' own (updates dated in 2999 are refused by the bounded clock, as they should be).
        assertThat(DeadLetterReader.readFor(infra.kafka().bootstrapServers(), Topics.POSITION_COMMANDS, Duration.ofSeconds(30))).isEmpty();
        Map<String, Long> reasons = new java.util.TreeMap<>();
        for (String topic : List.of(Topics.VENUE_EVENTS, Topics.MARKET_TICKS)) {
            DeadLetterReader.readFor(infra.kafka().bootstrapServers(), topic, Duration.ofSeconds(30))
                    .forEach(letter -> reasons.merge(topic + ":" + letter.headers().get(io.positrack.runtime.consumer.DeadLetter.REASON_CODE), 1L, Long::sum));
        }
        System.out.printf("ReplicasIT: dead letters by topic and reason: %s%n", reasons);
        assertThat(reasons.keySet()).noneMatch(reason -> reason.contains("handler_failed"));

        assertThat(relayResumed).as("seconds until answers after the relay leader's kill").isLessThanOrEqualTo(RELAY_LIMIT_SECONDS);
        assertThat(ownerResumed).as("seconds until answers after the partition owner's kill").isLessThanOrEqualTo(OWNER_LIMIT_SECONDS);
        assertThat(scaleDownResumed).as("seconds until answers after the scale-down began").isLessThanOrEqualTo(SCALE_DOWN_LIMIT_SECONDS);
        assertThat(scaleUpResumed).as("seconds until answers on every partition after the scale-up").isLessThanOrEqualTo(OWNER_LIMIT_SECONDS);
    }

    /**
     * Offers commands at {@link #RATE} a second from one thread, never more than a few seconds' worth ahead of the
     * answers, and keeps each command's send time and partition so that a fault's recovery can be read off the results.
     */
    private static final class Sender implements Runnable {

        private final KillDuringLoadIT.Workload workload;
        private final List<String> sent = java.util.Collections.synchronizedList(new ArrayList<>());
        private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
        private final Map<String, Integer> partitionOf = new ConcurrentHashMap<>();
        private final AtomicBoolean stopped = new AtomicBoolean();

        Sender(KillDuringLoadIT.Workload workload) {
            this.workload = workload;
        }

        @Override
        public void run() {
            long period = 1_000_000_000L / RATE;
            long next = System.nanoTime();
            while (!stopped.get()) {
                if (sent.size() - client.results.size() < RATE * 10) {
                    PositionCommand command = workload.sendOne(client);
                    sentAt.put(command.commandId(), System.currentTimeMillis());
                    partitionOf.put(command.commandId(), partition(command.symbol() != null ? command.symbol() : command.account()));
                    sent.add(command.commandId());
                }
                next += period;
                // The sender's pace is the test's input, not a synchronisation with the services.
                java.util.concurrent.locks.LockSupport.parkNanos(Math.max(0, next - System.nanoTime()));
            }
            client.flush();
        }

        void stop() {
            stopped.set(true);
        }

        List<String> sent() {
            synchronized (sent) {
                return List.copyOf(sent);
            }
        }

        void awaitSent(int n) {
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(50)).until(() -> sent.size() >= n);
        }

        /**
         * Seconds from {@code faultMillis} to the first result (by its record time) of a command sent after the fault
         * on one of {@code partitions}: commands sent before it could be answered from rows the dead replica had
         * already committed, which proves nothing about the survivors.
         */
        double resumedAfter(long faultMillis, Set<Integer> partitions) {
            long[] first = {Long.MAX_VALUE};
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
                for (ConsumerRecord<String, String> r : client.results.all()) {
                    if (r.timestamp() > faultMillis && r.timestamp() < first[0]) {
                        String id = PositionTestClient.read(r.value(), CommandResult.class).commandId();
                        Long at = sentAt.get(id);
                        if (at != null && at > faultMillis && partitions.contains(partitionOf.get(id))) {
                            first[0] = r.timestamp();
                        }
                    }
                }
                return first[0] != Long.MAX_VALUE;
            });
            return (first[0] - faultMillis) / 1000.0;
        }
    }

    /** The partition the producer's default partitioner picks for a key (murmur2, as the services' topics are keyed). */
    private static int partition(String key) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    private static Set<Integer> allPartitions() {
        Set<Integer> all = new TreeSet<>();
        for (int i = 0; i < partitions; i++) {
            all.add(i);
        }
        return all;
    }

    /** The partitions a replica does not own, or all of them if it owns none or all (its kill then stops them all). */
    private static Set<Integer> otherPartitions(Set<Integer> owned) {
        Set<Integer> others = allPartitions();
        others.removeAll(owned);
        return others.isEmpty() ? allPartitions() : others;
    }

    private static String busiestOwner(Map<String, Set<Integer>> owners, List<String> leaders) {
        return owners.entrySet().stream()
                .filter(e -> !e.getValue().isEmpty())
                .sorted((x, y) -> {
                    int byLeader = Boolean.compare(leaders.contains(x.getKey()), leaders.contains(y.getKey()));
                    return byLeader != 0 ? byLeader : Integer.compare(y.getValue().size(), x.getValue().size());
                })
                .map(Map.Entry::getKey).findFirst()
                .orElseThrow(() -> new AssertionError("no replica owns a position-commands partition: " + owners));
    }

    /**
     * Which replica's consumers own which {@code position-commands} partitions, from the group coordinator: each
     * consumer's group.instance.id is {@code <instance-name>-<channel>.<n>} (StaticMembership). Waits until every
     * partition has an owner among the running replicas, so a fault is never aimed at a group still rebalancing.
     */
    private static Map<String, Set<Integer>> partitionOwners() {
        Map<String, Set<Integer>> owners = new HashMap<>();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            owners.clear();
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(GROUP)).all().get().get(GROUP);
            Set<Integer> assigned = new TreeSet<>();
            for (MemberDescription member : group.members()) {
                String instance = member.groupInstanceId().orElse("");
                String replica = replicas.keySet().stream().filter(name -> instance.startsWith(name + "-" + Topics.POSITION_COMMANDS))
                        .findFirst().orElse(null);
                member.assignment().topicPartitions().stream()
                        .filter(tp -> tp.topic().equals(Topics.POSITION_COMMANDS))
                        .forEach(tp -> {
                            if (replica != null) {
                                owners.computeIfAbsent(replica, k -> new TreeSet<>()).add(tp.partition());
                                assigned.add(tp.partition());
                            }
                        });
            }
            return assigned.equals(allPartitions());
        });
        return owners;
    }

    /** Application names of the sessions holding the relay's advisory lock (pg_locks joined with pg_stat_activity). */
    private static List<String> relayLeaders() throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = run.connect(); PreparedStatement s = c.prepareStatement("""
                SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                 WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
                   AND ((l.classid::bigint << 32) | l.objid::bigint) = ? ORDER BY 1""")) {
            s.setLong(1, Long.parseLong(baseConfig.getOrDefault("positrack.position.outbox.advisory-lock-key", "7300417")));
            ResultSet rs = s.executeQuery();
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    /**
     * Starts a replica: its Kafka instance name (static membership) and its database application name are the replica's
     * name, so the coordinator's members and pg_stat_activity's sessions both say which process they belong to.
     */
    private static void startReplica(String name) {
        Map<String, String> config = new LinkedHashMap<>(baseConfig);
        config.put("positrack.kafka.instance-name", name);
        config.put("quarkus.datasource.reactive.url", withParameter(config.get("quarkus.datasource.reactive.url"), "application_name", name));
        config.put("quarkus.datasource.jdbc.url", withParameter(config.get("quarkus.datasource.jdbc.url"), "ApplicationName", name));
        Path jar = Path.of(System.getProperty("positrack.position-service.jar", "target/quarkus-app/quarkus-run.jar"));
        ServiceProcess replica = ServiceProcess.of(name, jar, config, Path.of("target", "replicas-it", name + ".log"));
        replicas.put(name, replica);
        replica.start(Duration.ofSeconds(90));
    }

    private static void restartReplica(String name) {
        replicas.get(name).start(Duration.ofSeconds(90));
    }

    private static String withParameter(String url, String key, String value) {
        return url + (url.contains("?") ? "&" : "?") + key + "=" + value;
    }

    private static double gauge(ServiceProcess replica, String name) {
        return RunRecord.metricLines(replica.managementUrl(), name).stream()
                .filter(line -> line.startsWith(" ") || line.startsWith("{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static Set<String> inboxIds() throws SQLException {
        Set<String> ids = new java.util.HashSet<>();
        try (Connection c = run.connect(); PreparedStatement s = c.prepareStatement(
                "SELECT message_id FROM inbox WHERE source = 'position-commands'"); ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    /** Each command's results as consumed (outcome, message, record time), for a failure's message. */
    private static List<String> describe(Set<String> commandIds) {
        return commandIds.stream().limit(10).map(id -> id + " " + client.resultRecordsFor(id).stream()
                .map(r -> PositionTestClient.read(r.value(), CommandResult.class))
                .map(r -> r.commandType() + " " + r.symbol() + " " + r.outcome() + " '" + r.message() + "'").toList()).toList();
    }

    private static Map<String, Long> outcomes(String account) {
        Map<String, Long> byOutcome = new java.util.TreeMap<>();
        client.resultsForAccount(account).forEach(r -> byOutcome.merge(String.valueOf(r.outcome()), 1L, Long::sum));
        return byOutcome;
    }
}
