package io.positrack.runtime.metrics;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.config.MeterFilter;

/**
 * Drops the {@code server.port} tag from every meter. Quarkus tags a Vert.x HTTP server's meters with its port
 * only when the port is configured above 0, so a service with its API on one kind of port and its management
 * interface on the other (random test ports, a fixed one in production) registers {@code http_server_bytes_read}
 * with two different tag sets, which the Prometheus registry refuses, failing the server's start-up callback.
 * The port says nothing the {@code uri} tag does not: the management interface serves only {@code /q/*}.
 */
@Singleton
public class ServerPortTag {

    @Produces
    @Singleton
    public MeterFilter withoutServerPort() {
        return MeterFilter.ignoreTags("server.port");
    }
}
