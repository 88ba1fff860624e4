package io.positrack.position.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.positrack.contracts.security.ApiKey;
import io.positrack.infra.ServiceProcess;
import io.positrack.infra.quarkus.PositrackTestInfrastructure;

/**
 * The packaged service reads its API keys from a properties file named by {@code quarkus.config.locations}, as the
 * Kubernetes manifests mount the {@code positrack-api-keys} ConfigMap: the operator's way in, proven end to end.
 */
class ApiKeysFileIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ApiKey KEY = ApiKey.generate("ops-file");
    private static ServiceProcess service;

    @BeforeAll
    static void startWithAKeysFile() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "api-keys-file-it"));
        Path file = dir.resolve("api-keys.properties");
        Files.writeString(file, "positrack.auth.keys.ops-file.sha256=" + KEY.sha256() + "\n"
                + "positrack.auth.keys.ops-file.roles=admin\n");
        Map<String, String> config = new LinkedHashMap<>(PositrackTestInfrastructure.infrastructure().quarkusConfig("apikeysfile"));
        config.put("quarkus.config.locations", file.toUri().toString());
        Path jar = Path.of(System.getProperty("positrack.position-service.jar", "target/quarkus-app/quarkus-run.jar"));
        service = ServiceProcess.of("position-service", jar, config, dir.resolve("position-service.log")).start();
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.stop();
        }
    }

    private static int get(String path, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(service.baseUrl() + path));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void aKeyFromTheFileIsAccepted() throws Exception {
        assertThat(get("/admin/blocks", KEY.value())).isEqualTo(200);
    }

    @Test
    void withoutTheKeyTheSameCallIsRefused() throws Exception {
        assertThat(get("/admin/blocks", null)).isEqualTo(401);
        assertThat(get("/admin/blocks", ApiKey.generate("ops-file").value())).isEqualTo(401);
    }
}
