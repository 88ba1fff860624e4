package io.positrack.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.positrack.contracts.Topics;

/**
 * Renders every overlay (dev, prod), parses each object with the fabric8 Kubernetes model, and checks the
 * manifests against the services' own sources: configuration keys, Kafka channels, ports, health paths,
 * metric names. Each check names the object and the mismatch, so a failure says what to fix.
 */
class ManifestsTest {

    static final Path ROOT = Path.of(System.getProperty("positrack.root", "../..")).toAbsolutePath().normalize();
    static final Path KUBERNETES = ROOT.resolve("deploy/kubernetes");
    static final List<String> SERVICES = List.of("position-service", "signal-service", "telegram-gateway");
    static final List<String> OVERLAYS = List.of("dev", "prod", "binance-testnet", "binance-mainnet");

    /** Custom resources we expect, by kind, with the operator API version the docs name. */
    static final Map<String, String> CUSTOM_RESOURCES = Map.of(
            "KafkaTopic", "kafka.strimzi.io/v1",
            "KafkaUser", "kafka.strimzi.io/v1",
            "Cluster", "postgresql.cnpg.io/v1",
            "ServiceMonitor", "monitoring.coreos.com/v1",
            "PrometheusRule", "monitoring.coreos.com/v1");

    /** Secrets an operator creates by hand before deploying; each must be documented in docs/operations.md. */
    static final Set<String> OPERATOR_SECRETS = Set.of("positrack-telegram", "positrack-binance");

    /** Strimzi's Secret with the cluster CA certificate (public: it lets a client verify the brokers). */
    static final String KAFKA_CLUSTER_CA = "positrack-cluster-ca-cert";

    static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    static final ObjectMapper JSON = new ObjectMapper();
    static final Map<String, List<ObjectNode>> RENDERED = new LinkedHashMap<>();

    static List<ObjectNode> rendered(String overlay) {
        return RENDERED.computeIfAbsent(overlay, o -> Kustomization.render(KUBERNETES.resolve("overlays").resolve(o)));
    }

    static List<HasMetadata> typed(String overlay) {
        return rendered(overlay).stream().map(ManifestsTest::parse).toList();
    }

    static HasMetadata parse(ObjectNode node) {
        try {
            KubernetesResource resource = SERIALIZATION.unmarshal(JSON.writeValueAsString(node));
            return (HasMetadata) resource;
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static <T extends HasMetadata> List<T> all(String overlay, Class<T> type) {
        return typed(overlay).stream().filter(type::isInstance).map(type::cast).toList();
    }

    static <T extends HasMetadata> T one(String overlay, Class<T> type, String name) {
        return all(overlay, type).stream().filter(o -> name.equals(o.getMetadata().getName())).findFirst()
                .orElseThrow(() -> new AssertionError(overlay + ": no " + type.getSimpleName() + " " + name));
    }

    static List<GenericKubernetesResource> custom(String overlay, String kind) {
        return all(overlay, GenericKubernetesResource.class).stream().filter(r -> kind.equals(r.getKind())).toList();
    }

    static Properties applicationProperties(String service) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(ConfigKeys.read(ROOT.resolve(service).resolve("src/main/resources/application.properties"))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    static Container container(String overlay, String service) {
        List<Container> containers = one(overlay, Deployment.class, service).getSpec().getTemplate().getSpec().getContainers();
        assertThat(containers).as("%s: %s runs one container", overlay, service).hasSize(1);
        return containers.get(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod", "binance-testnet", "binance-mainnet"})
    void everyObjectParsesAsAKubernetesModelObjectOrAKnownCustomResource(String overlay) {
        List<HasMetadata> objects = typed(overlay);
        assertThat(objects).hasSize(rendered(overlay).size());
        for (HasMetadata object : objects) {
            String id = overlay + ": " + object.getKind() + " " + object.getMetadata().getName();
            if (object instanceof GenericKubernetesResource) {
                // Not a built-in type: must be one of the operators' resources, with their API version.
                assertThat(CUSTOM_RESOURCES).as(id + " is a known custom resource").containsEntry(object.getKind(), object.getApiVersion());
            }
            assertThat(object.getMetadata().getNamespace()).as(id + " namespace").isEqualTo(overlay.equals("dev") ? "positrack-dev" : "positrack");
            assertThat(object.getMetadata().getLabels()).as(id + " labels").containsEntry("app.kubernetes.io/part-of", "positrack");
        }
        Set<String> ids = new TreeSet<>();
        objects.forEach(o -> assertThat(ids.add(o.getKind() + "/" + o.getMetadata().getName())).as(overlay + ": duplicate " + o.getKind() + " " + o.getMetadata().getName()).isTrue());
        assertThat(all(overlay, Deployment.class)).extracting(d -> d.getMetadata().getName()).containsExactlyInAnyOrderElementsOf(SERVICES);
    }

    @Test
    void kafkaTopicsAreTheContractTopicsAndTheirDeadLettersWithThePartitionCountTheServicesUse() {
        Set<String> expected = new TreeSet<>(Topics.allWithDeadLetters());
        expected.add(Topics.TELEGRAM_POLLER_LEADER);
        for (String overlay : OVERLAYS) {
            ConfigMap kafka = one(overlay, ConfigMap.class, "positrack-kafka");
            int partitions = Integer.parseInt(kafka.getData().get("POSITRACK_TOPICS_PARTITIONS"));
            // The services' consumer concurrency defaults to the same count when the variable is missing.
            for (String service : SERVICES) {
                applicationProperties(service).forEach((key, value) -> {
                    Matcher fallback = Pattern.compile("\\$\\{positrack\\.topics\\.partitions:(\\d+)}").matcher(value.toString());
                    if (fallback.find()) {
                        assertThat(Integer.parseInt(fallback.group(1))).as("%s %s default partitions", service, key).isEqualTo(partitions);
                    }
                });
            }
            Map<String, Integer> topics = custom(overlay, "KafkaTopic").stream().collect(Collectors.toMap(
                    t -> t.getMetadata().getName(), t -> ((Number) spec(t).get("partitions")).intValue()));
            assertThat(topics.keySet()).as(overlay + ": KafkaTopics").containsExactlyInAnyOrderElementsOf(expected);
            topics.forEach((name, count) -> assertThat(count).as("%s: partitions of %s", overlay, name)
                    .isEqualTo(name.equals(Topics.TELEGRAM_POLLER_LEADER) ? 1 : partitions));
            for (GenericKubernetesResource topic : custom(overlay, "KafkaTopic")) {
                assertThat(topic.getMetadata().getLabels()).as("%s: %s belongs to the Strimzi cluster", overlay, topic.getMetadata().getName())
                        .containsEntry("strimzi.io/cluster", "positrack");
            }
            assertThat(kafka.getData().get("KAFKA_BOOTSTRAP_SERVERS")).startsWith("positrack-kafka-bootstrap:");
        }
    }

    @Test
    void everyChannelTopicOfEveryServiceIsCreated() {
        Set<String> created = custom("prod", "KafkaTopic").stream().map(t -> t.getMetadata().getName()).collect(Collectors.toSet());
        int channels = 0;
        for (String service : SERVICES) {
            Properties properties = applicationProperties(service);
            for (String key : properties.stringPropertyNames()) {
                if (key.startsWith("mp.messaging.") && key.endsWith(".topic")) {
                    assertThat(created).as("%s channel %s", service, key).contains(properties.getProperty(key));
                    channels++;
                }
            }
        }
        assertThat(channels).as("channels found in the services' application.properties").isGreaterThan(10);
        // telegram-gateway's election topic is configured in its mapping, not as a channel.
        assertThat(created).contains(Topics.TELEGRAM_POLLER_LEADER);
    }

    @Test
    void prodTopicsAreReplicatedThreeTimesWithTwoInSyncAndDevFitsOneBroker() {
        for (GenericKubernetesResource topic : custom("prod", "KafkaTopic")) {
            assertThat(spec(topic).get("replicas")).as(topic.getMetadata().getName()).isEqualTo(3);
            assertThat(topicConfig(topic)).as(topic.getMetadata().getName()).containsEntry("min.insync.replicas", "2")
                    .containsEntry("cleanup.policy", "delete").containsKey("retention.ms");
        }
        for (GenericKubernetesResource topic : custom("dev", "KafkaTopic")) {
            assertThat(spec(topic).get("replicas")).as(topic.getMetadata().getName()).isEqualTo(1);
            assertThat(topicConfig(topic)).as(topic.getMetadata().getName()).containsEntry("min.insync.replicas", "1");
        }
        // The history signal-service rebuilds its read model from must never expire.
        GenericKubernetesResource events = custom("prod", "KafkaTopic").stream()
                .filter(t -> t.getMetadata().getName().equals(Topics.POSITION_EVENTS)).findFirst().orElseThrow();
        assertThat(topicConfig(events)).containsEntry("retention.ms", "-1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod", "binance-testnet", "binance-mainnet"})
    void everyEnvironmentVariableAndMountedPropertyIsAConfigurationKeyOfItsService(String overlay) {
        for (String service : SERVICES) {
            ConfigKeys keys = ConfigKeys.of(ROOT.resolve(service));
            Container container = container(overlay, service);
            List<String> names = new ArrayList<>();
            container.getEnv().forEach(e -> names.add(e.getName()));
            for (EnvFromSource from : container.getEnvFrom()) {
                assertThat(from.getSecretRef()).as("%s: %s takes whole Secrets as environment", overlay, service).isNull();
                names.addAll(one(overlay, ConfigMap.class, from.getConfigMapRef().getName()).getData().keySet());
            }
            assertThat(names).as("%s: %s environment", overlay, service).isNotEmpty();
            for (String name : names) {
                assertThat(keys.readsEnvironmentVariable(name)).as("%s: %s reads no configuration key for %s", overlay, service, name).isTrue();
            }
            for (String property : mountedProperties(overlay, service)) {
                assertThat(keys.readsProperty(property)).as("%s: %s reads no configuration key %s", overlay, service, property).isTrue();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod", "binance-testnet", "binance-mainnet"})
    void referencedSecretsAndConfigMapsExistAndNoSecretIsInGit(String overlay) {
        Set<String> configMaps = all(overlay, ConfigMap.class).stream().map(c -> c.getMetadata().getName()).collect(Collectors.toSet());
        Set<String> generatedSecrets = custom(overlay, "Cluster").stream().map(c -> c.getMetadata().getName() + "-app").collect(Collectors.toSet());
        Set<String> kafkaUserSecrets = custom(overlay, "KafkaUser").stream().map(u -> u.getMetadata().getName()).collect(Collectors.toSet());
        String operations = ConfigKeys.read(ROOT.resolve("docs/operations.md"));
        assertThat(rendered(overlay)).as("no Secret objects in git").noneMatch(o -> "Secret".equals(o.path("kind").asText()));
        for (String service : SERVICES) {
            Container container = container(overlay, service);
            for (EnvVar env : container.getEnv()) {
                if (env.getValueFrom() == null) {
                    assertThat(env.getName()).as("%s: %s sets a secret-looking variable in plain text", overlay, service)
                            .doesNotContain("PASSWORD", "TOKEN", "SECRET");
                    continue;
                }
                var secret = env.getValueFrom().getSecretKeyRef();
                var configMap = env.getValueFrom().getConfigMapKeyRef();
                if (configMap != null) {
                    assertThat(configMaps).as("%s: %s %s", overlay, service, env.getName()).contains(configMap.getName());
                }
                if (secret != null) {
                    String name = secret.getName();
                    if (kafkaUserSecrets.contains(name)) {
                        // Written by Strimzi's User Operator for the KafkaUser of the same name.
                        assertThat(secret.getKey()).as("%s: KafkaUser secret key", env.getName()).isEqualTo("sasl.jaas.config");
                        assertThat(name).as("%s uses its own KafkaUser", service).isEqualTo(KafkaSecurityTest.userOf(service));
                    } else if (name.equals(KAFKA_CLUSTER_CA)) {
                        assertThat(secret.getKey()).as("%s: cluster CA secret key", env.getName()).isEqualTo("ca.crt");
                    } else if (generatedSecrets.contains(name)) {
                        assertThat(secret.getKey()).as("%s: CloudNativePG app secret key", env.getName()).isIn("username", "password");
                        assertThat(name).as("%s uses its own database's secret", service)
                                .isEqualTo(databaseCluster(overlay, service) + "-app");
                    } else {
                        assertThat(OPERATOR_SECRETS).as("%s: %s refers to unknown Secret %s", overlay, service, name).contains(name);
                        assertThat(operations).as("docs/operations.md documents Secret %s key %s", name, secret.getKey())
                                .contains(name).contains(secret.getKey());
                    }
                }
            }
            for (EnvFromSource from : container.getEnvFrom()) {
                assertThat(configMaps).contains(from.getConfigMapRef().getName());
            }
            for (Volume volume : one(overlay, Deployment.class, service).getSpec().getTemplate().getSpec().getVolumes()) {
                assertThat(volume.getSecret()).as("%s: secrets are not mounted", service).isNull();
                if (volume.getConfigMap() != null) {
                    assertThat(configMaps).as("%s volume %s", service, volume.getName()).contains(volume.getConfigMap().getName());
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod", "binance-testnet", "binance-mainnet"})
    void probesPortsAndServicesMatchTheApplications(String overlay) {
        for (String service : SERVICES) {
            int port = Integer.parseInt(applicationProperties(service).getProperty("quarkus.http.port"));
            int management = Integer.parseInt(applicationProperties(service).getProperty("quarkus.management.port"));
            Container container = container(overlay, service);
            assertThat(container.getPorts()).as("%s: %s ports", overlay, service)
                    .extracting(p -> p.getName() + ":" + p.getContainerPort())
                    .containsExactlyInAnyOrder("http:" + port, "management:" + management);
            assertProbe(container.getStartupProbe(), "/q/health/started", service);
            assertProbe(container.getLivenessProbe(), "/q/health/live", service);
            assertProbe(container.getReadinessProbe(), "/q/health/ready", service);

            Service kubernetesService = one(overlay, Service.class, service);
            assertThat(kubernetesService.getSpec().getSelector()).isEqualTo(Map.of("app.kubernetes.io/name", service));
            assertThat(kubernetesService.getSpec().getPorts())
                    .extracting(p -> p.getName() + ":" + p.getPort() + "->" + p.getTargetPort().getStrVal())
                    .containsExactlyInAnyOrder("http:" + port + "->http", "management:" + management + "->management");
            // The API keys file is mounted and named in the config locations.
            assertThat(List.of(one(overlay, ConfigMap.class, service + "-config").getData().get("QUARKUS_CONFIG_LOCATIONS").split(",")))
                    .as(service).contains("/etc/positrack/api-keys/api-keys.properties");
            assertThat(container.getVolumeMounts()).as(service).anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/etc/positrack/api-keys"));
            // The database URLs point at the service's own CloudNativePG cluster's read-write Service.
            ConfigMap config = one(overlay, ConfigMap.class, service + "-config");
            String database = databaseCluster(overlay, service);
            assertThat(config.getData().get("QUARKUS_DATASOURCE_JDBC_URL")).contains("//" + database + "-rw:5432/");
            assertThat(config.getData().get("QUARKUS_DATASOURCE_REACTIVE_URL")).contains("//" + database + "-rw:5432/");
        }
        GenericKubernetesResource monitor = custom(overlay, "ServiceMonitor").get(0);
        @SuppressWarnings("unchecked")
        Map<String, Object> endpoint = ((List<Map<String, Object>>) spec(monitor).get("endpoints")).get(0);
        assertThat(endpoint).containsEntry("port", "management").containsEntry("path", "/q/metrics");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod", "binance-testnet", "binance-mainnet"})
    void imagesLabelsAndSelectorsAreConsistent(String overlay) {
        for (String service : SERVICES) {
            Deployment deployment = one(overlay, Deployment.class, service);
            Map<String, String> selector = Map.of("app.kubernetes.io/name", service);
            assertThat(deployment.getSpec().getSelector().getMatchLabels()).isEqualTo(selector);
            assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels()).containsAllEntriesOf(selector)
                    .containsEntry("app.kubernetes.io/part-of", "positrack");
            String image = container(overlay, service).getImage();
            assertThat(image).as("image of " + service).matches("positrack/" + Pattern.quote(service) + ":[\\w.\\-]+");
            assertThat(one(overlay, PodDisruptionBudget.class, service).getSpec().getSelector().getMatchLabels()).isEqualTo(selector);
            assertThat(one(overlay, NetworkPolicy.class, service).getSpec().getPodSelector().getMatchLabels()).isEqualTo(selector);
            assertThat(one(overlay, Service.class, service).getMetadata().getLabels()).containsAllEntriesOf(selector);
        }
        Set<String> tags = SERVICES.stream().map(s -> container(overlay, s).getImage().replaceAll(".*:", "")).collect(Collectors.toSet());
        assertThat(tags).as(overlay + ": one release, one tag").hasSize(1);
        @SuppressWarnings("unchecked")
        List<String> monitored = ((List<Map<String, Object>>) ((Map<String, Object>) spec(custom(overlay, "ServiceMonitor").get(0))
                .get("selector")).get("matchExpressions")).stream().flatMap(e -> ((List<String>) e.get("values")).stream()).toList();
        assertThat(monitored).containsExactlyInAnyOrderElementsOf(SERVICES);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod", "binance-testnet", "binance-mainnet"})
    void podsRunAsNonRootWithAReadOnlyRootFilesystemAndAWritableTmp(String overlay) {
        for (String service : SERVICES) {
            var pod = one(overlay, Deployment.class, service).getSpec().getTemplate().getSpec();
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(service).isTrue();
            assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
            assertThat(pod.getAutomountServiceAccountToken()).as("%s needs no Kubernetes API access", service).isFalse();
            var security = container(overlay, service).getSecurityContext();
            assertThat(security.getReadOnlyRootFilesystem()).as(service).isTrue();
            assertThat(security.getAllowPrivilegeEscalation()).as(service).isFalse();
            assertThat(security.getCapabilities().getDrop()).as(service).containsExactly("ALL");
            assertThat(security.getRunAsUser()).as("%s: the image's own non-root user (185 JVM, 1001 native)", service).isNull();
            List<VolumeMount> mounts = container(overlay, service).getVolumeMounts();
            assertThat(mounts).as(service).anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/tmp"));
            assertThat(container(overlay, service).getResources().getLimits()).as(service).containsKey("memory");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod", "binance-testnet", "binance-mainnet"})
    void networkPoliciesDenyByDefaultAndAllowOnlyTheServicesOwnDatabaseKafkaAndDns(String overlay) {
        NetworkPolicy deny = one(overlay, NetworkPolicy.class, "positrack-default-deny");
        assertThat(deny.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
        assertThat(deny.getSpec().getIngress()).isNullOrEmpty();
        assertThat(deny.getSpec().getEgress()).isNullOrEmpty();
        assertThat(deny.getSpec().getPodSelector().getMatchLabels()).containsEntry("app.kubernetes.io/part-of", "positrack");
        for (String service : SERVICES) {
            NetworkPolicy policy = one(overlay, NetworkPolicy.class, service);
            List<String> databases = policy.getSpec().getEgress().stream().flatMap(e -> e.getTo().stream())
                    .filter(p -> p.getPodSelector() != null && p.getPodSelector().getMatchLabels() != null)
                    .map(p -> p.getPodSelector().getMatchLabels().get("cnpg.io/cluster")).filter(Objects::nonNull).toList();
            assertThat(databases).as("%s reaches exactly its own database", service).containsExactly(databaseCluster(overlay, service));
            boolean internet = policy.getSpec().getEgress().stream().flatMap(e -> e.getTo().stream()).anyMatch(p -> p.getIpBlock() != null);
            // The gateway talks to Telegram; with the Binance switch, position-service and signal-service talk to Binance.
            boolean trades = overlay.startsWith("binance-") && !service.equals("telegram-gateway");
            assertThat(internet).as("%s: %s reaches the internet", overlay, service).isEqualTo(service.equals("telegram-gateway") || trades);
            // Only the monitoring namespace reaches the management port; API clients reach the API port only.
            assertThat(policy.getSpec().getIngress()).as(service).hasSize(2);
            for (var rule : policy.getSpec().getIngress()) {
                boolean monitoring = rule.getFrom().stream().anyMatch(peer -> peer.getNamespaceSelector() != null);
                assertThat(rule.getPorts()).as("%s ingress from %s", service, monitoring ? "monitoring" : "API clients")
                        .extracting(p -> p.getPort().getStrVal()).containsExactly(monitoring ? "management" : "http");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod", "binance-testnet", "binance-mainnet"})
    void positionServiceAndTheGatewayRunTwoReplicasThatADisruptionCannotTakeBothOf(String overlay) {
        for (String service : List.of("position-service", "telegram-gateway")) {
            int replicas = one(overlay, Deployment.class, service).getSpec().getReplicas();
            assertThat(replicas).as("%s: %s replicas", overlay, service).isGreaterThanOrEqualTo(2);
            var budget = one(overlay, PodDisruptionBudget.class, service).getSpec();
            assertThat(budget.getMinAvailable().getIntVal()).as(service).isBetween(1, replicas - 1);
        }
        // The simulated feed runs only where signal-service has one replica, or every tick is published twice.
        ConfigMap signal = one(overlay, ConfigMap.class, "signal-service-config");
        boolean binanceFeed = container(overlay, "signal-service").getEnv().stream()
                .anyMatch(e -> e.getName().equals("POSITRACK_SIGNAL_FEED_BINANCE_ENABLED") && "true".equals(e.getValue()));
        if ("true".equals(signal.getData().get("POSITRACK_SIGNAL_FEED_SIMULATED_ENABLED")) || binanceFeed) {
            assertThat(one(overlay, Deployment.class, "signal-service").getSpec().getReplicas()).isEqualTo(1);
        }
        assertThat(one(overlay, ConfigMap.class, "telegram-gateway-config").getData()).containsEntry("POSITRACK_TELEGRAM_MODE", "polling");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod", "binance-testnet", "binance-mainnet"})
    void everyServiceNamesItsKafkaConsumersAfterItsPod(String overlay) {
        // Static group membership: one group.instance.id per pod, unique among the replicas, kept across container restarts.
        for (String service : SERVICES) {
            EnvVar instance = container(overlay, service).getEnv().stream()
                    .filter(e -> e.getName().equals("POSITRACK_KAFKA_INSTANCE_NAME")).findFirst().orElse(null);
            assertThat(instance).as("%s: %s sets POSITRACK_KAFKA_INSTANCE_NAME", overlay, service).isNotNull();
            assertThat(instance.getValueFrom()).as("%s: %s instance name from the Downward API", overlay, service).isNotNull();
            assertThat(instance.getValueFrom().getFieldRef().getFieldPath()).as("%s: %s", overlay, service).isEqualTo("metadata.name");
        }
    }

    @Test
    void databasesAreCloudNativePgClustersOnePerService() {
        for (String overlay : OVERLAYS) {
            List<GenericKubernetesResource> clusters = custom(overlay, "Cluster");
            assertThat(clusters).hasSize(SERVICES.size());
            for (GenericKubernetesResource cluster : clusters) {
                assertThat(((Number) spec(cluster).get("instances")).intValue()).as(cluster.getMetadata().getName())
                        .isEqualTo(overlay.equals("dev") ? 1 : 3); // the Binance overlays are prod with a venue
            }
        }
    }

    @Test
    void alertsAndTheDashboardQueryMetricsTheServicesPublish() throws IOException {
        Set<String> published = publishedMetricNames();
        assertThat(published).contains("positrack_outbox_lag_seconds", "positrack_positions_duplicates_prevented");
        List<String> expressions = new ArrayList<>();
        JsonNode dashboard = JSON.readTree(KUBERNETES.resolve("base/grafana/positrack-dashboard.json").toFile());
        dashboard.path("panels").forEach(p -> {
            // A panel without a query would show nothing and pass every check below.
            assertThat(p.path("targets").size()).as("queries of panel %s", p.path("title").asText()).isPositive();
            p.path("targets").forEach(t -> expressions.add(t.get("expr").asText()));
        });
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> groups = (List<Map<String, Object>>) spec(custom("prod", "PrometheusRule").get(0)).get("groups");
        List<String> alerts = new ArrayList<>();
        for (Map<String, Object> group : groups) {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> rules = (List<Map<String, Object>>) group.get("rules");
            rules.forEach(r -> {
                expressions.add(r.get("expr").toString());
                alerts.add(r.get("alert").toString());
                @SuppressWarnings("unchecked")
                Map<String, Object> annotations = (Map<String, Object>) r.get("annotations");
                assertThat(annotations).as("runbook link of " + r.get("alert"))
                        .containsEntry("runbook", "docs/operations.md#" + r.get("alert").toString().toLowerCase(java.util.Locale.ROOT));
            });
        }
        Set<String> queried = new TreeSet<>();
        for (String expression : expressions) {
            Matcher metric = Pattern.compile("positrack_[a-z_]+").matcher(expression);
            while (metric.find()) {
                queried.add(metric.group());
            }
        }
        for (String metric : queried) {
            assertThat(isPublished(metric, published)).as("metric %s is published by a service (known: %s)", metric, published).isTrue();
        }
        assertThat(queried).contains("positrack_positions_duplicates_prevented_total", "positrack_reconciliation_reports_total",
                "positrack_outbox_lag_seconds", "positrack_commands_latency_seconds", "positrack_telegram_getupdates_conflicts_total",
                "positrack_audit_violations", "positrack_positions_open", "positrack_pnl_realized_today", "positrack_dead_letters_total",
                "positrack_consumer_lag");
        // Every alert has a runbook entry.
        String operations = ConfigKeys.read(ROOT.resolve("docs/operations.md"));
        for (String alert : alerts) {
            assertThat(operations).as("runbook entry for " + alert).contains("### " + alert);
        }
    }

    /** Micrometer names in the services' main sources, in Prometheus form (dots to underscores). */
    static Set<String> publishedMetricNames() throws IOException {
        Set<String> names = new TreeSet<>();
        Pattern name = Pattern.compile("\"(positrack\\.[a-z_.]+[a-z])\"");
        // The shared runtime library publishes the consumer and clock metrics of every service.
        for (String service : Stream.concat(SERVICES.stream(), Stream.of("runtime")).toList()) {
            try (Stream<Path> files = java.nio.file.Files.walk(ROOT.resolve(service).resolve("src/main/java"))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    Matcher m = name.matcher(ConfigKeys.read(file));
                    while (m.find()) {
                        names.add(m.group(1).replace('.', '_'));
                    }
                }
            }
        }
        return names;
    }

    static boolean isPublished(String metric, Set<String> published) {
        return Stream.of("", "_total", "_seconds", "_seconds_count", "_seconds_sum", "_seconds_max", "_count", "_sum", "_max")
                .anyMatch(suffix -> metric.endsWith(suffix) && published.contains(metric.substring(0, metric.length() - suffix.length())));
    }

    static void assertProbe(Probe probe, String path, String service) {
        assertThat(probe).as("%s probe %s", service, path).isNotNull();
        assertThat(probe.getHttpGet().getPath()).as(service).isEqualTo(path);
        assertThat(probe.getHttpGet().getPort().getStrVal()).as(service).isEqualTo("management");
    }

    /** The CloudNativePG cluster the service's username comes from. */
    static String databaseCluster(String overlay, String service) {
        return container(overlay, service).getEnv().stream().filter(e -> e.getName().equals("QUARKUS_DATASOURCE_USERNAME"))
                .findFirst().orElseThrow().getValueFrom().getSecretKeyRef().getName().replaceAll("-app$", "");
    }

    /** Keys of the properties files mounted into the service through QUARKUS_CONFIG_LOCATIONS. */
    static List<String> mountedProperties(String overlay, String service) {
        List<String> keys = new ArrayList<>();
        for (Volume volume : one(overlay, Deployment.class, service).getSpec().getTemplate().getSpec().getVolumes()) {
            if (volume.getConfigMap() == null) {
                continue;
            }
            for (Map.Entry<String, String> file : one(overlay, ConfigMap.class, volume.getConfigMap().getName()).getData().entrySet()) {
                assertThat(file.getKey()).as("mounted config file").endsWith(".properties");
                Properties properties = new Properties();
                try {
                    properties.load(new StringReader(file.getValue()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                keys.addAll(properties.stringPropertyNames());
            }
        }
        return keys;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> spec(GenericKubernetesResource resource) {
        return (Map<String, Object>) resource.getAdditionalProperties().get("spec");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> topicConfig(GenericKubernetesResource topic) {
        return (Map<String, Object>) spec(topic).get("config");
    }
}
