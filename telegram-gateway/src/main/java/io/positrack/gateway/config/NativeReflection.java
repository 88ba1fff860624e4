package io.positrack.gateway.config;

import io.positrack.gateway.botapi.ApiResponse;
import io.positrack.gateway.botapi.Requests;
import io.positrack.gateway.botapi.Update;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Native image: the gateway's own Bot API types. The webhook body is parsed with a plain ObjectMapper, which
 * Quarkus cannot see at build time the way it sees REST signatures; the client's types are listed for
 * completeness. The contracts records the Kafka consumers read are registered once for every service by
 * positrack-runtime's {@code ContractsReflection}.
 */
@RegisterForReflection(targets = {
        Update.class, Update.Message.class, Update.User.class, Update.Chat.class, ApiResponse.class,
        ApiResponse.Parameters.class, Requests.GetUpdates.class, Requests.SendMessage.class,
        Requests.LinkPreviewOptions.class, Requests.SetWebhook.class, Requests.DeleteWebhook.class })
final class NativeReflection {

    private NativeReflection() {
    }
}
