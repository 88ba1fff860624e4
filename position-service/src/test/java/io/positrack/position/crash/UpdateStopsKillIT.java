package io.positrack.position.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.positrack.contracts.position.CommandResult;
import io.positrack.contracts.position.Outcome;
import io.positrack.contracts.position.PositionCommand;
import io.positrack.contracts.position.Side;
import io.positrack.infra.InfraSettings;
import io.positrack.infra.LocalInfrastructure;
import io.positrack.infra.ServiceProcess;
import io.positrack.position.support.PositionTestClient;
import io.positrack.position.support.RunRecord;

/**
 * Issue #15 on the packaged service: a stops update committed, then the process killed by SIGKILL before its orders
 * reached the venue. After the restart the venue holds exactly the new stop loss and take profit and none of the old
 * ones: protective-order reconciliation cancels the old attempt's orders and places the new ones it finds missing.
 *
 * <p>The kill window is made certain rather than hit by chance: the run that takes the stops update is started with
 * the paper venue losing every call on the symbol ({@code positrack.position.paper.faults.lose-calls-on}), so the
 * commit happens and nothing is sent; that run is then killed and the service started again without the fault.
 */
class UpdateStopsKillIT {

    private static final String SYMBOL = "USKUSD";

    private static LocalInfrastructure infra;
    private static PositionTestClient client;
    private static RunRecord run;
    private static Map<String, String> config;
    private static final List<ServiceProcess> started = new ArrayList<>();

    @BeforeAll
    static void start() {
        infra = LocalInfrastructure.start(InfraSettings.fromEnvironment());
        config = new LinkedHashMap<>(infra.quarkusConfig("stopskill"));
        config.put("positrack.position.intents.resend-after", "2s");
        config.put("positrack.position.intents.sweep-interval", "1s");
        config.put("positrack.position.reconciliation.interval", "500ms");
        // The three runs are one pod whose container is stopped, killed and restarted: the same name, so each run's
        // consumers take the previous run's partitions back at once (static membership) instead of waiting for its
        // session to expire.
        config.put("positrack.kafka.instance-name", "stopskill-0");
        client = PositionTestClient.connect(infra.kafka().bootstrapServers());
        run = new RunRecord(infra.postgres().database("stopskill"), client);
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        started.forEach(ServiceProcess::stop);
        if (infra != null) {
            infra.close();
        }
    }

    private static ServiceProcess service(String run, Map<String, String> extra) {
        Map<String, String> c = new LinkedHashMap<>(config);
        c.putAll(extra);
        Path jar = Path.of(System.getProperty("positrack.position-service.jar", "target/quarkus-app/quarkus-run.jar"));
        ServiceProcess s = ServiceProcess.of("position-service", jar, c, Path.of("target", "stops-kill-it", run + ".log")).start();
        started.add(s);
        return s;
    }

    @Test
    void afterAStopsUpdateKilledBeforeDispatchTheVenueHoldsExactlyTheNewStopsAndNoneOfTheOld() throws Exception {
        String account = PositionTestClient.uniqueAccount("stopskill");
        ServiceProcess first = service("1-open", Map.of());
        CommandResult opened = answer(new PositionCommand.OpenPosition(UUID.randomUUID().toString(), account, "paper", SYMBOL, Side.BUY,
                new BigDecimal("2"), new BigDecimal("100.00"), new BigDecimal("95.00"), new BigDecimal("110.00"), null, 7L, Instant.now()));
        long id = opened.position().id();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            client.tick(SYMBOL, "100.00", "100.02");
            return working(id).size() == 2 && run.count("SELECT count(*) FROM positions WHERE id = ? AND status = 'ACTIVE'", id) == 1;
        });
        List<String> old = working(id);
        long stopping = System.nanoTime();
        first.stop();
        long stopMs = (System.nanoTime() - stopping) / 1_000_000;

        ServiceProcess losing = service("2-update-stops", Map.of("positrack.position.paper.faults.lose-calls-on", SYMBOL));
        CommandResult updated = answer(new PositionCommand.UpdateStops(UUID.randomUUID().toString(), account, "paper", SYMBOL,
                new BigDecimal("97.00"), new BigDecimal("108.00"), 7L, Instant.now()));
        assertThat(updated.outcome()).isEqualTo(Outcome.STOPS_UPDATED);
        losing.kill();
        assertThat(working(id)).as("nothing of the update reached the venue").isEqualTo(old);

        long restarting = System.nanoTime();
        service("3-restarted", Map.of());
        long readyMs = (System.nanoTime() - restarting) / 1_000_000;

        long version = updated.position().version();
        List<String> wanted = List.of("pt-" + id + "-sl-" + version, "pt-" + id + "-tp-" + version);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> assertThat(working(id)).containsExactlyInAnyOrderElementsOf(wanted));
        System.out.printf("UpdateStopsKillIT: graceful stop (SIGTERM to exit) %d ms; restart after kill -9: ready %d ms, repaired %d ms%n",
                stopMs, readyMs, (System.nanoTime() - restarting) / 1_000_000);
        assertThat(run.count("SELECT count(*) FROM paper.orders WHERE client_order_id = ANY (?) AND status = 'CANCELED'",
                (Object) old.toArray(String[]::new))).as("the old attempt's orders, cancelled").isEqualTo(2);
        assertThat(run.count("""
                SELECT count(*) FROM paper.orders WHERE client_order_id = ? AND trigger_price = 97 AND reduce_only AND side = 'SELL'""",
                wanted.get(0))).isEqualTo(1);
        System.out.printf("UpdateStopsKillIT: repairs after the restart: %s%n",
                run.breakdown("SELECT action || ' ' || client_order_id, 1 FROM venue_order_repairs ORDER BY id"));
    }

    /** The position's orders working on the paper book. */
    private static List<String> working(long id) throws Exception {
        List<String> ids = new ArrayList<>();
        try (Connection c = run.connect(); PreparedStatement s = c.prepareStatement("""
                SELECT client_order_id FROM paper.orders WHERE client_order_id LIKE ? AND status IN ('NEW', 'PARTIALLY_FILLED')
                 ORDER BY client_order_id""")) {
            s.setString(1, "pt-" + id + "-%");
            ResultSet rs = s.executeQuery();
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    private static CommandResult answer(PositionCommand command) {
        client.sendCommand(command);
        await().atMost(Duration.ofSeconds(60)).until(() -> !client.resultsFor(command.commandId()).isEmpty());
        return client.resultsFor(command.commandId()).get(0);
    }
}
