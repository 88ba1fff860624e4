package io.positrack.gateway.support;

import io.positrack.infra.quarkus.PositrackTestInfrastructure;

/** Plain JDBC to the gateway's database, for assertions the service itself does not offer. */
public final class GatewayDatabase {

    private GatewayDatabase() {
    }

    public static long count(String sql, Object... params) {
        return PositrackTestInfrastructure.infrastructure().postgres().database("gateway").count(sql, params);
    }
}
