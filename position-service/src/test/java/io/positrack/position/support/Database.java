package io.positrack.position.support;

import java.sql.Connection;
import java.sql.SQLException;

import io.positrack.infra.PostgresNode;
import io.positrack.infra.quarkus.PositrackTestInfrastructure;

/** Plain JDBC to the service's database, for assertions the service itself does not offer. */
public final class Database {

    private Database() {
    }

    public static Connection connect() throws SQLException {
        return database().connect();
    }

    public static long count(String sql, Object... params) {
        return database().count(sql, params);
    }

    private static PostgresNode.Database database() {
        return PositrackTestInfrastructure.infrastructure().postgres().database("position");
    }

    /**
     * Waits until the paper venue's book holds this order working. Orders are sent after the transaction that decided
     * them commits, and its answer may arrive first: a tick sent before the order is on the book would fill nothing.
     */
    public static void awaitWorkingOnPaperBook(String clientOrderId) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() -> count(
                "SELECT count(*) FROM paper.orders WHERE client_order_id = ? AND status IN ('NEW', 'PARTIALLY_FILLED')", clientOrderId) == 1);
    }
}
