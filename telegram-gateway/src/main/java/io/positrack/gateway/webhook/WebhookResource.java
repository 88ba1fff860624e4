package io.positrack.gateway.webhook;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.positrack.gateway.botapi.Update;
import io.positrack.gateway.command.UpdateHandler;
import io.positrack.gateway.config.GatewayConfig;
import io.positrack.gateway.security.SecretCheck;
import io.positrack.gateway.security.Secrets;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Where Telegram delivers updates in webhook mode. A call without the configured secret in
 * {@code X-Telegram-Bot-Api-Secret-Token} is refused (401) before its body is even read, and nothing happens.
 * A handled update is answered 200; a failure 500, so that Telegram delivers it again (and the handler then
 * recognises whatever part was already done). Telegram presents its secret token, not an API key, hence
 * {@link jakarta.annotation.security.PermitAll}: the secret check below is this endpoint's authentication.
 */
@Path(WebhookResource.PATH)
@jakarta.annotation.security.PermitAll
public class WebhookResource {

    public static final String PATH = "/telegram/webhook";
    public static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";

    private final GatewayConfig config;
    private final UpdateHandler handler;
    private final ObjectMapper json;
    private final MeterRegistry registry;
    private final Secrets secrets;

    public WebhookResource(GatewayConfig config, UpdateHandler handler, ObjectMapper json, MeterRegistry registry, Secrets secrets) {
        this.config = config;
        this.handler = handler;
        this.json = json;
        this.registry = registry;
        this.secrets = secrets;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> receive(@HeaderParam(SECRET_HEADER) String presented, String body) {
        if (config.mode() != GatewayConfig.Mode.WEBHOOK) {
            return Uni.createFrom().item(Response.status(Response.Status.NOT_FOUND).build());
        }
        if (!SecretCheck.matches(config.webhook().secret().orElse(null), presented)) {
            registry.counter("positrack.telegram.webhook.rejected", "reason", presented == null ? "missing" : "wrong").increment();
            Log.infof("Webhook call refused: %s secret token", presented == null ? "missing" : "wrong");
            return Uni.createFrom().item(Response.status(Response.Status.UNAUTHORIZED).build());
        }
        Update update;
        try {
            update = json.readValue(body, Update.class);
        } catch (Exception e) {
            return Uni.createFrom().item(Response.status(Response.Status.BAD_REQUEST).build());
        }
        return handler.handle(update)
                .replaceWith(Response.ok().build())
                .onFailure().recoverWithItem(e -> {
                    Log.warnf("Webhook update %d not handled, Telegram will deliver it again: %s", update.updateId(), secrets.describe(e));
                    return Response.serverError().build();
                });
    }
}
