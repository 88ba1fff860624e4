package io.positrack.gateway.webhook;

import java.time.Duration;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.positrack.gateway.botapi.BotApiClient;
import io.positrack.gateway.config.GatewayConfig;
import io.positrack.gateway.polling.PollerStatus;
import io.positrack.gateway.security.Secrets;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

/**
 * In webhook mode: checks the secret and, when a public URL is configured, registers it with {@code setWebhook}
 * (retried in the background until Telegram accepts; every replica does it, which is harmless).
 */
@ApplicationScoped
public class WebhookRegistration {

    private static final Pattern SECRET = Pattern.compile("^[A-Za-z0-9_-]{1,256}$");

    private final GatewayConfig config;
    private final BotApiClient api;
    private final PollerStatus status;
    private final Secrets secrets;

    public WebhookRegistration(GatewayConfig config, BotApiClient api, PollerStatus status, Secrets secrets) {
        this.config = config;
        this.api = api;
        this.status = status;
        this.secrets = secrets;
    }

    void onStart(@Observes StartupEvent event) {
        if (config.mode() != GatewayConfig.Mode.WEBHOOK) {
            return;
        }
        String secret = config.webhook().secret().orElse("");
        if (!SECRET.matcher(secret).matches()) {
            // Fail closed: every call is refused until a valid secret is configured.
            Log.error("Webhook mode needs positrack.telegram.webhook.secret (1-256 of A-Z a-z 0-9 _ -): every webhook call will be refused");
        }
        status.role(PollerStatus.Role.WEBHOOK);
        if (!api.configured() || config.webhook().publicUrl().isEmpty()) {
            Log.info("Webhook mode: no public URL configured, leaving the registration with Telegram as it is");
            return;
        }
        String url = config.webhook().publicUrl().get();
        api.setWebhook(url, secret)
                .onFailure().invoke(e -> Log.warnf("setWebhook failed, retrying: %s", secrets.describe(e)))
                .onFailure().retry().withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(60)).indefinitely()
                .subscribe().with(ok -> Log.infof("Webhook registered at %s", url),
                        e -> Log.errorf("setWebhook gave up: %s", secrets.describe(e)));
    }
}
