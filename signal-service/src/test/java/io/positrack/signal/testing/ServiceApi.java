package io.positrack.signal.testing;

import static io.restassured.RestAssured.given;

import java.util.Optional;

import io.positrack.infra.quarkus.ManagementInterface;
import io.positrack.infra.security.TestKeys;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** What a signal-service's REST API says, for tests that wait on it (as the test viewer key). */
public final class ServiceApi {

    private final Integer port;
    private final Integer managementPort;

    private ServiceApi(Integer port, Integer managementPort) {
        this.port = port;
        this.managementPort = managementPort;
    }

    /** The application of a {@code @QuarkusTest}. */
    public static ServiceApi inProcess() {
        return new ServiceApi(null, null);
    }

    /** A packaged service with its API on {@code port} and its management interface on {@code managementPort}. */
    public static ServiceApi onPorts(int port, int managementPort) {
        return new ServiceApi(port, managementPort);
    }

    public RequestSpecification request() {
        RequestSpecification spec = given().auth().oauth2(TestKeys.VIEWER.value());
        return port == null ? spec : spec.baseUri("http://localhost").port(port);
    }

    /** An absolute URL on the management interface (health, metrics), e.g. {@code management("/q/metrics")}. */
    public String management(String path) {
        return managementPort == null ? ManagementInterface.url(path) : "http://localhost:" + managementPort + path;
    }

    /** The signal id the service holds as the symbol's latest, if any. */
    public Optional<String> latestSignalId(String symbol) {
        Response r = request().get("/signals/" + symbol);
        return r.statusCode() == 200 ? Optional.of(r.jsonPath().getString("signalId")) : Optional.empty();
    }

    /** The session of a position, if the read model has it. */
    public Optional<Response> session(long positionId) {
        Response r = request().get("/sessions/" + positionId);
        return r.statusCode() == 200 ? Optional.of(r) : Optional.empty();
    }
}
