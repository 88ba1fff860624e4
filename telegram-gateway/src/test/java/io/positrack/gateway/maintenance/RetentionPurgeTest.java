package io.positrack.gateway.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.positrack.gateway.support.GatewayDatabase;
import io.positrack.infra.PostgresNode;
import io.positrack.infra.quarkus.PositrackTestInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Old dedupe rows go, young ones stay; rows are aged by writing their timestamps into the past. */
@QuarkusTest
@WithTestResource(value = PositrackTestInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
class RetentionPurgeTest {

    @Inject
    RetentionPurge purge;

    @Test
    void processedUpdatesOlderThanTheRetentionArePrunedAndYoungerOnesKept() {
        long bot = ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_000_000_000L);
        execute("INSERT INTO processed_updates (bot_id, update_id, outcome, processed_at) VALUES (?, 1, 'test', now() - interval '8 days')", bot);
        // Within Telegram's 24 h and well within the week kept.
        execute("INSERT INTO processed_updates (bot_id, update_id, outcome, processed_at) VALUES (?, 2, 'test', now() - interval '6 days')", bot);

        purge.purge().await().atMost(Duration.ofSeconds(60));

        assertThat(GatewayDatabase.count("SELECT count(*) FROM processed_updates WHERE bot_id = ? AND update_id = 1", bot)).isZero();
        assertThat(GatewayDatabase.count("SELECT count(*) FROM processed_updates WHERE bot_id = ? AND update_id = 2", bot)).isOne();
    }

    @Test
    void replyClaimsAreKeptPastTheAlertsRetentionAndPrunedAfterTheirOwn() {
        String key = "retention-test-" + System.nanoTime();
        reply(key + "-old", "36 days");
        // Older than the 7 days the gateway used to keep, inside the alerts' 30 days: still needed.
        reply(key + "-young", "29 days");
        reply(key + "-many", "40 days", 2500);

        RetentionPurge.Purged purged = purge.purge().await().atMost(Duration.ofSeconds(60));

        assertThat(GatewayDatabase.count("SELECT count(*) FROM sent_replies WHERE reply_key = ?", key + "-old")).isZero();
        assertThat(GatewayDatabase.count("SELECT count(*) FROM sent_replies WHERE reply_key = ?", key + "-young")).isOne();
        assertThat(GatewayDatabase.count("SELECT count(*) FROM sent_replies WHERE reply_key LIKE ?", key + "-many-%")).isZero();
        assertThat(purged.replies()).isGreaterThanOrEqualTo(2501);
    }

    private static void reply(String key, String age) {
        execute("INSERT INTO sent_replies (reply_key, chat_id, kind, status, claimed_by, claimed_at) VALUES (?, 1, 'RESULT', 'SENT', 'test', "
                + "now() - ?::interval)", key, age);
    }

    /** {@code count} claims of one age, more than one batch holds. */
    private static void reply(String keyPrefix, String age, int count) {
        execute("INSERT INTO sent_replies (reply_key, chat_id, kind, status, claimed_by, claimed_at) SELECT ? || '-' || n, 1, 'RESULT', 'SENT',"
                + " 'test', now() - ?::interval FROM generate_series(1, " + count + ") n", keyPrefix, age);
    }

    private static void execute(String sql, Object... params) {
        PostgresNode.Database db = PositrackTestInfrastructure.infrastructure().postgres().database("gateway");
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password()); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
