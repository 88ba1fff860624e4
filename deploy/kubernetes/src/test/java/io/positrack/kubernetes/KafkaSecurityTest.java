package io.positrack.kubernetes;

import static io.positrack.kubernetes.ManifestsTest.OVERLAYS;
import static io.positrack.kubernetes.ManifestsTest.SERVICES;
import static io.positrack.kubernetes.ManifestsTest.applicationProperties;
import static io.positrack.kubernetes.ManifestsTest.container;
import static io.positrack.kubernetes.ManifestsTest.custom;
import static io.positrack.kubernetes.ManifestsTest.one;
import static io.positrack.kubernetes.ManifestsTest.spec;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.positrack.contracts.Topics;

/**
 * Kafka in Kubernetes is an authenticated listener with per-service ACLs. The expected ACLs are derived from
 * each service's own channels, so a new channel without its ACL, or an ACL nobody needs, fails here rather
 * than as an authorization error in a cluster.
 */
class KafkaSecurityTest {

    /** Topics a service writes that no channel names: the outbox routes alerts beside position events. */
    static final Map<String, Set<String>> OUTBOX_TOPICS = Map.of("position-service", Set.of(Topics.ALERTS));

    /** Topics a service's own Kafka clients (not channels) read: the gateway's poller election. */
    static final Map<String, Set<String>> CLIENT_TOPICS = Map.of("telegram-gateway", Set.of(Topics.TELEGRAM_POLLER_LEADER));

    static String userOf(String service) {
        return "positrack-" + service;
    }

    @Test
    void eachServiceHasAScramUserWhoseTopicAclsAreExactlyWhatItsChannelsReadAndWrite() {
        for (String overlay : OVERLAYS) {
            for (String service : SERVICES) {
                GenericKubernetesResource user = user(overlay, service);
                @SuppressWarnings("unchecked")
                Map<String, Object> authentication = (Map<String, Object>) spec(user).get("authentication");
                assertThat(authentication).as("%s: %s authentication", overlay, service).containsEntry("type", "scram-sha-512");
                assertThat(topicAcls(user)).as("%s: ACLs of %s", overlay, service).isEqualTo(expectedTopicAcls(service));
            }
        }
    }

    @Test
    void everyConsumerGroupOfAServiceIsCoveredByItsGroupAcl() {
        for (String service : SERVICES) {
            List<Map<String, Object>> groups = acls(user("prod", service)).stream()
                    .filter(acl -> "group".equals(resource(acl).get("type"))).toList();
            Set<String> ids = new TreeSet<>();
            applicationProperties(service).forEach((key, value) -> {
                if (key.toString().startsWith("mp.messaging.incoming.") && key.toString().endsWith(".group.id")) {
                    // A placeholder (a per-instance suffix) is matched by the part before it.
                    ids.add(value.toString().replaceAll("\\$\\{.*", ""));
                }
            });
            assertThat(ids).as(service + " consumer groups").isNotEmpty();
            for (String id : ids) {
                assertThat(groups).as("%s group %s", service, id).anySatisfy(acl -> {
                    assertThat(operations(acl)).contains("Read");
                    String name = resource(acl).get("name").toString();
                    if ("prefix".equals(resource(acl).get("patternType"))) {
                        assertThat(id).startsWith(name);
                    } else {
                        assertThat(id).isEqualTo(name);
                    }
                });
            }
        }
    }

    @Test
    void onlyTheServiceThatOwnsACommandOrVenueTopicMayWriteIt() {
        Map<String, Set<String>> writers = new TreeMap<>();
        for (GenericKubernetesResource user : custom("prod", "KafkaUser")) {
            for (Map<String, Object> acl : acls(user)) {
                Map<String, Object> resource = resource(acl);
                assertThat(resource.get("patternType")).as("%s: topic ACLs name one topic", user.getMetadata().getName())
                        .isIn("literal", "prefix");
                if ("topic".equals(resource.get("type"))) {
                    assertThat(resource.get("patternType")).as("%s: no topic wildcard", user.getMetadata().getName()).isEqualTo("literal");
                    assertThat(resource.get("name")).isNotEqualTo("*");
                }
                assertThat(operations(acl)).as("%s: no All", user.getMetadata().getName()).doesNotContain("All");
                if ("topic".equals(resource.get("type")) && operations(acl).contains("Write")) {
                    writers.computeIfAbsent(resource.get("name").toString(), t -> new TreeSet<>()).add(user.getMetadata().getName());
                }
            }
        }
        assertThat(writers.get(Topics.POSITION_COMMANDS)).containsExactly(userOf("signal-service"));
        assertThat(writers.get(Topics.VENUE_EVENTS)).containsExactly(userOf("position-service"));
        assertThat(writers.get(Topics.BOT_COMMANDS)).containsExactly(userOf("telegram-gateway"));
        assertThat(writers.get(Topics.POSITION_EVENTS)).containsExactly(userOf("position-service"));
    }

    @Test
    void servicesConnectOverTlsWithScramUsingTheirOwnUsersSecretAndTheClusterCa() {
        for (String overlay : OVERLAYS) {
            Map<String, String> kafka = one(overlay, ConfigMap.class, "positrack-kafka").getData();
            assertThat(kafka).containsEntry("KAFKA_SECURITY_PROTOCOL", "SASL_SSL")
                    .containsEntry("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512")
                    .containsEntry("KAFKA_SSL_TRUSTSTORE_TYPE", "PEM");
            int port = Integer.parseInt(kafka.get("KAFKA_BOOTSTRAP_SERVERS").replaceAll(".*:", ""));
            for (String service : SERVICES) {
                Map<String, EnvVar> env = new TreeMap<>();
                container(overlay, service).getEnv().forEach(e -> env.put(e.getName(), e));
                var jaas = env.get("KAFKA_SASL_JAAS_CONFIG").getValueFrom().getSecretKeyRef();
                assertThat(jaas.getName()).as("%s: %s credentials", overlay, service).isEqualTo(userOf(service));
                assertThat(env.get("KAFKA_SSL_TRUSTSTORE_CERTIFICATES").getValueFrom().getSecretKeyRef().getName())
                        .isEqualTo(ManifestsTest.KAFKA_CLUSTER_CA);
                // The NetworkPolicy lets the service reach the brokers on the authenticated listener only.
                List<Integer> kafkaPorts = one(overlay, NetworkPolicy.class, service).getSpec().getEgress().stream()
                        .filter(rule -> rule.getTo().stream().anyMatch(peer -> peer.getPodSelector() != null
                                && peer.getPodSelector().getMatchLabels() != null
                                && "Kafka".equals(peer.getPodSelector().getMatchLabels().get("strimzi.io/kind"))))
                        .flatMap(rule -> rule.getPorts().stream()).map(p -> p.getPort().getIntVal()).toList();
                assertThat(kafkaPorts).as("%s: %s Kafka egress", overlay, service).containsExactly(port);
            }
        }
    }

    /** Read on every topic consumed; Write on every topic produced and on the dead letters of those consumed. */
    static Map<String, Set<String>> expectedTopicAcls(String service) {
        Map<String, Set<String>> expected = new TreeMap<>();
        Properties properties = applicationProperties(service);
        for (String key : properties.stringPropertyNames()) {
            String topic = properties.getProperty(key);
            if (key.startsWith("mp.messaging.incoming.") && key.endsWith(".topic")) {
                expected.computeIfAbsent(topic, t -> new TreeSet<>()).add("Read");
                expected.computeIfAbsent(Topics.dlq(topic), t -> new TreeSet<>()).add("Write");
            } else if (key.startsWith("mp.messaging.outgoing.") && key.endsWith(".topic")) {
                expected.computeIfAbsent(topic, t -> new TreeSet<>()).add("Write");
            }
        }
        OUTBOX_TOPICS.getOrDefault(service, Set.of()).forEach(t -> expected.computeIfAbsent(t, x -> new TreeSet<>()).add("Write"));
        CLIENT_TOPICS.getOrDefault(service, Set.of()).forEach(t -> expected.computeIfAbsent(t, x -> new TreeSet<>()).add("Read"));
        return expected;
    }

    static Map<String, Set<String>> topicAcls(GenericKubernetesResource user) {
        Map<String, Set<String>> found = new TreeMap<>();
        for (Map<String, Object> acl : acls(user)) {
            if ("topic".equals(resource(acl).get("type"))) {
                Set<String> operations = found.computeIfAbsent(resource(acl).get("name").toString(), t -> new TreeSet<>());
                operations.addAll(operations(acl));
            }
        }
        return found;
    }

    static GenericKubernetesResource user(String overlay, String service) {
        return custom(overlay, "KafkaUser").stream().filter(u -> u.getMetadata().getName().equals(userOf(service))).findFirst()
                .orElseThrow(() -> new AssertionError(overlay + ": no KafkaUser for " + service));
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> acls(GenericKubernetesResource user) {
        Map<String, Object> authorization = (Map<String, Object>) spec(user).get("authorization");
        assertThat(authorization).as(user.getMetadata().getName() + " authorization").containsEntry("type", "simple");
        return (List<Map<String, Object>>) authorization.get("acls");
    }

    @SuppressWarnings("unchecked")
    static List<String> operations(Map<String, Object> acl) {
        return (List<String>) acl.get("operations");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> resource(Map<String, Object> acl) {
        return (Map<String, Object>) acl.get("resource");
    }
}
