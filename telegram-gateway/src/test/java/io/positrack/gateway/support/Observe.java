package io.positrack.gateway.support;

import static io.restassured.RestAssured.given;

import java.util.Map;
import io.positrack.infra.quarkus.ManagementInterface;

/** What the gateway shows about itself: Prometheus metrics and the telegram readiness check. */
public final class Observe {

    private Observe() {
    }

    /** Sum of a Prometheus series over the lines containing every given fragment (tags, for instance). */
    public static double metric(String name, String... fragments) {
        String body = given().get(ManagementInterface.url("/q/metrics")).then().statusCode(200).extract().asString();
        double sum = 0;
        for (String line : body.split("\n")) {
            if (!line.startsWith(name + "{") && !line.startsWith(name + " ")) {
                continue;
            }
            boolean all = true;
            for (String fragment : fragments) {
                all &= line.contains(fragment);
            }
            if (all) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    /** The data of the {@code telegram} readiness check. */
    public static Map<String, Object> telegramHealth() {
        return given().get(ManagementInterface.url("/q/health/ready")).then().extract().jsonPath().getMap("checks.find { it.name == 'telegram' }.data");
    }
}
