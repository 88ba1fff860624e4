package io.positrack.gateway.support;

import static io.restassured.RestAssured.given;

import java.util.Map;
import io.positrack.infra.metrics.PrometheusText;
import io.positrack.infra.quarkus.ManagementInterface;

/** What the gateway shows about itself: Prometheus metrics and the telegram readiness check. */
public final class Observe {

    private Observe() {
    }

    /** Sum of a Prometheus series over the samples that carry every given label, each written {@code key="value"}. */
    public static double metric(String name, String... labels) {
        String body = given().get(ManagementInterface.url("/q/metrics")).then().statusCode(200).extract().asString();
        Map<String, String> wanted = new java.util.HashMap<>();
        for (String label : labels) {
            int eq = label.indexOf('=');
            wanted.put(label.substring(0, eq), label.substring(eq + 1).replaceAll("^\"|\"$", ""));
        }
        return PrometheusText.sum(body, name, wanted);
    }

    /** The data of the {@code telegram} readiness check. */
    public static Map<String, Object> telegramHealth() {
        return given().get(ManagementInterface.url("/q/health/ready")).then().extract().jsonPath().getMap("checks.find { it.name == 'telegram' }.data");
    }
}
