package io.positrack.signal.testing;

import static io.restassured.RestAssured.given;

import java.util.Optional;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** What a signal-service's REST API says, for tests that wait on it. */
public final class ServiceApi {

    private final Integer port;

    private ServiceApi(Integer port) {
        this.port = port;
    }

    /** The application of a {@code @QuarkusTest}. */
    public static ServiceApi inProcess() {
        return new ServiceApi(null);
    }

    /** A packaged service listening on {@code port} of this host. */
    public static ServiceApi onPort(int port) {
        return new ServiceApi(port);
    }

    public RequestSpecification request() {
        RequestSpecification spec = given();
        return port == null ? spec : spec.baseUri("http://localhost").port(port);
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
