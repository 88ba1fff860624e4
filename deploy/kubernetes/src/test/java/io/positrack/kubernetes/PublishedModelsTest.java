package io.positrack.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;

/**
 * The manifests against the published object models, not our own expectations: every Kubernetes object parses into
 * the fabric8 Kubernetes model and every Strimzi resource into Strimzi's own API model (the {@code io.strimzi:api}
 * artifact, the classes its operator reads), and none of them has a field the model does not know. Both models keep
 * unknown fields aside instead of failing ({@code getAdditionalProperties()}), so a misspelt {@code readinesProbe} or
 * a Strimzi field of another API version would otherwise be applied and silently ignored by the cluster.
 * CloudNativePG and Prometheus-operator resources have no published Java model we can use here: CrdSchemasTest checks
 * them against their CRD schemas, and ManifestsTest checks the keys we rely on in them.
 */
class PublishedModelsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Class<?>> STRIMZI = Map.of("KafkaTopic", KafkaTopic.class, "KafkaUser", KafkaUser.class);

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod", "binance-testnet", "binance-mainnet"})
    void everyObjectHasOnlyFieldsItsPublishedModelKnows(String overlay) {
        int checked = 0;
        List<String> unknown = new ArrayList<>();
        for (ObjectNode node : ManifestsTest.rendered(overlay)) {
            Object model = model(node);
            if (model == null) {
                continue;
            }
            checked++;
            String name = node.path("kind").asText() + "/" + node.path("metadata").path("name").asText();
            unknown.addAll(unknownFields(model, name));
        }
        assertThat(unknown).as("%s: fields no published model knows", overlay).isEmpty();
        assertThat(checked).as("%s: objects checked against a model", overlay).isGreaterThan(30);
    }

    @Test
    void strimziResourcesUseTheV1ApiAndItsFields() {
        // v1 dropped the single `operation` of an ACL rule; only `operations` is read by a Strimzi 1.0 operator.
        for (ObjectNode node : ManifestsTest.rendered("prod")) {
            if (node.path("kind").asText().equals("KafkaUser")) {
                KafkaUser user = (KafkaUser) model(node);
                assertThat(user.getApiVersion()).isEqualTo("kafka.strimzi.io/v1");
                var authorization = (io.strimzi.api.kafka.model.user.KafkaUserAuthorizationSimple) user.getSpec().getAuthorization();
                assertThat(authorization.getAcls()).as(user.getMetadata().getName()).isNotEmpty()
                        .allSatisfy(rule -> assertThat(rule.getOperation()).isNull())
                        .allSatisfy(rule -> assertThat(rule.getOperations()).isNotEmpty());
            }
        }
    }

    @Test
    void aMisspeltKubernetesFieldIsFound() throws JsonProcessingException {
        ObjectNode deployment = ManifestsTest.rendered("prod").stream().filter(n -> n.path("kind").asText().equals("Deployment"))
                .findFirst().orElseThrow().deepCopy();
        ObjectNode container = (ObjectNode) deployment.path("spec").path("template").path("spec").path("containers").get(0);
        container.set("readinesProbe", container.path("readinessProbe"));

        assertThat(unknownFields(model(deployment), "Deployment")).singleElement().asString().contains("readinesProbe");
    }

    @Test
    void aStrimziFieldOrValueOutsideItsModelIsFound() {
        ObjectNode user = ManifestsTest.rendered("prod").stream().filter(n -> n.path("kind").asText().equals("KafkaUser"))
                .findFirst().orElseThrow().deepCopy();
        ((ObjectNode) user.path("spec")).put("quota", 1);
        assertThat(unknownFields(model(user), "KafkaUser")).singleElement().asString().contains("quota");

        ObjectNode badOperation = ManifestsTest.rendered("prod").stream().filter(n -> n.path("kind").asText().equals("KafkaUser"))
                .findFirst().orElseThrow().deepCopy();
        ((ObjectNode) badOperation.path("spec").path("authorization").path("acls").get(0)).putArray("operations").add("Reed");
        // Strimzi's model reads an unknown operation as nothing (null) rather than failing: found as a lost value.
        assertThat(unknownFields(model(badOperation), "KafkaUser")).singleElement().asString()
                .contains("authorization.acls[0].operations[0]");
    }

    /** The object in its published model: Strimzi's for Strimzi kinds, fabric8's for Kubernetes'; null when neither has one. */
    private static Object model(ObjectNode node) {
        Class<?> strimzi = STRIMZI.get(node.path("kind").asText());
        if (strimzi != null) {
            try {
                return JSON.treeToValue(node, strimzi);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(node.path("kind").asText() + ": " + e.getOriginalMessage(), e);
            }
        }
        HasMetadata parsed = ManifestsTest.parse(node);
        return parsed instanceof GenericKubernetesResource ? null : parsed;
    }

    /**
     * Paths of every field that landed in a model's bag of unknown properties, anywhere in the object, and of every list
     * element the model read as nothing (Strimzi reads an enum constant it does not know as null).
     */
    static List<String> unknownFields(Object model, String path) {
        List<String> out = new ArrayList<>();
        walk(model, path, out, new IdentityHashMap<>());
        return out;
    }

    private static void walk(Object value, String path, List<String> out, IdentityHashMap<Object, Boolean> seen) {
        if (value == null || seen.put(value, Boolean.TRUE) != null) {
            return;
        }
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i) == null) {
                    out.add(path + "[" + i + "]: a value the model could not read");
                }
                walk(list.get(i), path + "[" + i + "]", out, seen);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> walk(v, path + "." + k, out, seen));
            return;
        }
        String type = value.getClass().getName();
        if (!type.startsWith("io.fabric8.kubernetes.api.model") && !type.startsWith("io.strimzi.api")) {
            return; // strings, numbers, enums, Quantity's amount: leaves
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers()) || !getter.getName().startsWith("get")
                    || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object child;
            try {
                child = getter.invoke(value);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    extra.keySet().forEach(k -> out.add(path + "." + k));
                }
            } else {
                walk(child, path + "." + decapitalize(getter.getName().substring(3)), out, seen);
            }
        }
    }

    private static String decapitalize(String name) {
        return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}
