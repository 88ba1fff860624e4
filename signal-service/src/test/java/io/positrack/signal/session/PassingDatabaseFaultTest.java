package io.positrack.signal.session;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.matchesPattern;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

import io.positrack.contracts.Topics;
import io.positrack.contracts.position.PositionEvent;
import io.positrack.contracts.position.Side;
import io.positrack.infra.PostgresNode;
import io.positrack.infra.quarkus.PositrackTestInfrastructure;
import io.positrack.signal.testing.PositionStory;
import io.positrack.signal.testing.ServiceApi;
import io.positrack.signal.testing.SignalTestClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.positrack.infra.quarkus.ManagementInterface;

/**
 * Issue 14: a fault that passes (here the database dropping the connection an event is being applied on, as a
 * restart of the database would) is retried with the same event, and the event is never dead-lettered.
 */
@QuarkusTest
@WithTestResource(value = PositrackTestInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "signal"))
class PassingDatabaseFaultTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    /** The projector's row lock, as pg_stat_activity shows the statement. */
    private static final String PROJECTOR_LOCK = "SELECT version, status FROM sessions WHERE position_id = $1 FOR UPDATE";

    private final SignalTestClient kafka = SignalTestClient.get();
    private final ServiceApi api = ServiceApi.inProcess();

    @Test
    void anEventWhoseDatabaseConnectionIsDroppedIsRetriedAndAppliedNotDeadLettered() throws Exception {
        String account = SignalTestClient.uniqueAccount("dbfault");
        PositionStory p = PositionStory.of(PositionStory.newPositionId(), account, "SESSUSD", Side.BUY, "sig-dbf-" + account);
        kafka.event(p.opened());
        awaitSession(p.id(), "OPEN");

        RecordMetadata sent;
        try (Connection holder = connect(); Connection admin = connect()) {
            // Hold the session's row, so the projector's transaction for the next event waits where we can find it.
            holder.setAutoCommit(false);
            try (PreparedStatement lock = holder.prepareStatement("SELECT 1 FROM sessions WHERE position_id = ? FOR UPDATE")) {
                lock.setLong(1, p.id());
                lock.executeQuery();
            }
            PositionEvent ended = p.rolledBack("EXPIRED");
            sent = kafka.sendRaw(Topics.POSITION_EVENTS, ended.position().symbol(), SignalTestClient.write(ended));

            await().atMost(PATIENCE).until(() -> !waitingProjectors(admin).isEmpty());
            for (int pid : waitingProjectors(admin)) {
                try (PreparedStatement kill = admin.prepareStatement("SELECT pg_terminate_backend(?)")) {
                    kill.setInt(1, pid);
                    kill.executeQuery();
                }
            }
            // The pipeline applies the same event again, on a new connection: it waits on the row again.
            await().atMost(PATIENCE).until(() -> !waitingProjectors(admin).isEmpty());
            holder.rollback();
        }

        awaitSession(p.id(), "CLOSED");
        assertThat(kafka.deadLetterOf(sent)).isEmpty();
        given().get(ManagementInterface.url("/q/metrics")).then()
                .body(matchesPattern("(?s).*positrack_consumer_retries_total\\{topic=\"position-events\"\\} [1-9].*"));
    }

    private static List<Integer> waitingProjectors(Connection admin) throws SQLException {
        try (PreparedStatement s = admin.prepareStatement("SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
                + " AND wait_event_type = 'Lock' AND query = ?")) {
            s.setString(1, PROJECTOR_LOCK);
            ResultSet rs = s.executeQuery();
            List<Integer> pids = new ArrayList<>();
            while (rs.next()) {
                pids.add(rs.getInt(1));
            }
            return pids;
        }
    }

    private void awaitSession(long positionId, String status) {
        await().atMost(PATIENCE).until(() -> api.session(positionId)
                .map(r -> status.equals(r.jsonPath().getString("status"))).orElse(false));
    }

    private static Connection connect() throws SQLException {
        PostgresNode.Database db = PositrackTestInfrastructure.infrastructure().postgres().database("signal");
        return DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
    }
}
