package io.positrack.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The CloudNativePG {@code Cluster}s and the Prometheus-operator {@code PrometheusRule} and {@code ServiceMonitor}
 * against their operators' CRD schemas, which have no Java model we can use: the {@code @kubernetes-models} npm
 * packages compile each CRD's openAPIV3Schema into a validator (types, enums, patterns, required fields, ranges).
 * {@code deploy/kubernetes/crd-check} holds them (installed from its lock file by the build before the tests);
 * {@code check.mjs} validates the rendered objects it reads on stdin. Those schemas accept unknown fields (the CRDs do
 * not close their objects), so a misspelt key is not found here; a wrong value is.
 */
class CrdSchemasTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path CHECK = ManifestsTest.KUBERNETES.resolve("crd-check");

    /** One object's verdict: its errors, empty when it matches; {@code unchecked} for kinds with no CRD model here. */
    record Verdict(String object, boolean unchecked, List<String> errors) {
    }

    @BeforeAll
    static void validatorsAreInstalled() {
        assumeTrue(Files.isDirectory(CHECK.resolve("node_modules/@kubernetes-models")),
                "npm was not found when the build ran crd-check/run.sh, so the CRD validators are not installed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod", "binance-testnet", "binance-mainnet"})
    void everyClusterRuleAndMonitorMatchesItsCrdSchema(String overlay) throws Exception {
        List<Verdict> checked = check(ManifestsTest.rendered(overlay)).stream().filter(v -> !v.unchecked()).toList();
        assertThat(checked).extracting(Verdict::object).as("%s: objects checked against a CRD schema", overlay)
                .contains("Cluster/positrack-position-db", "PrometheusRule/positrack", "ServiceMonitor/positrack")
                .hasSizeGreaterThanOrEqualTo(5);
        assertThat(checked).as("%s: objects that do not match their CRD schema", overlay).allSatisfy(v -> assertThat(v.errors())
                .as(v.object()).isEmpty());
    }

    @Test
    void aClusterWithAValueOfTheWrongTypeIsFound() throws Exception {
        ObjectNode cluster = first("Cluster");
        ((ObjectNode) cluster.path("spec")).put("instances", "three");
        assertThat(check(List.of(cluster))).singleElement().satisfies(v -> assertThat(v.errors()).anyMatch(e -> e.contains("instances")));
    }

    @Test
    void anAlertWithADurationPrometheusCannotReadIsFound() throws Exception {
        ObjectNode rule = first("PrometheusRule");
        ObjectNode alert = (ObjectNode) rule.path("spec").path("groups").get(0).path("rules").get(0);
        alert.put("for", "five minutes");
        assertThat(check(List.of(rule))).singleElement().satisfies(v -> assertThat(v.errors()).anyMatch(e -> e.contains("for")));
    }

    private static ObjectNode first(String kind) {
        return ManifestsTest.rendered("prod").stream().filter(n -> n.path("kind").asText().equals(kind)).findFirst().orElseThrow()
                .deepCopy();
    }

    private static List<Verdict> check(List<ObjectNode> objects) throws IOException, InterruptedException {
        Process node = new ProcessBuilder("node", "check.mjs").directory(CHECK.toFile()).redirectErrorStream(true).start();
        try (OutputStream in = node.getOutputStream()) {
            in.write(JSON.writeValueAsBytes(objects));
        }
        String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(node.waitFor(60, TimeUnit.SECONDS)).as("check.mjs finished").isTrue();
        assertThat(node.exitValue()).as("check.mjs exit code; its output: %s", out).isZero();
        List<Verdict> verdicts = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode v = JSON.readTree(line);
            List<String> errors = new ArrayList<>();
            v.path("errors").forEach(e -> errors.add(e.asText()));
            verdicts.add(new Verdict(v.path("object").asText(), v.path("unchecked").asBoolean(), errors));
        }
        assertThat(verdicts).as("one verdict per object").hasSize(objects.size());
        return verdicts;
    }
}
