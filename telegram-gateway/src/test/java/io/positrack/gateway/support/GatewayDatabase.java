package io.positrack.gateway.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import io.positrack.infra.PostgresNode;
import io.positrack.infra.quarkus.PositrackTestInfrastructure;

/** Plain JDBC to the gateway's database, for assertions the service itself does not offer. */
public final class GatewayDatabase {

    private GatewayDatabase() {
    }

    public static long count(String sql, Object... params) {
        PostgresNode.Database db = PositrackTestInfrastructure.infrastructure().postgres().database("gateway");
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            ResultSet rs = s.executeQuery();
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
