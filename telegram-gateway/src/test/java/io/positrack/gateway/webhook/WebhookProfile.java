package io.positrack.gateway.webhook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The gateway in webhook mode, registering its own endpoint with the stand-in. */
public class WebhookProfile implements QuarkusTestProfile {

    public static final String SECRET = "webhook-secret_0f3c9a-test";
    /**
     * Fixed before start so that the public URL can name it. Kept in a system property because Quarkus loads this
     * class in more than one class loader, and every copy must agree on the port.
     */
    public static final int PORT = sharedPort();

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "positrack.telegram.mode", "webhook",
                "positrack.telegram.webhook.secret", SECRET,
                "positrack.telegram.webhook.public-url", "http://localhost:" + PORT + WebhookResource.PATH,
                "quarkus.http.test-port", Integer.toString(PORT));
    }

    private static synchronized int sharedPort() {
        String key = "positrack.test.webhook-port";
        if (System.getProperty(key) == null) {
            System.setProperty(key, Integer.toString(freePort()));
        }
        return Integer.getInteger(key);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
