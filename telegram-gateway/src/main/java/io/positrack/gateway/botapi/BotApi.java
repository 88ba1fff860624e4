package io.positrack.gateway.botapi;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;

/**
 * The Bot API methods the gateway calls, as a reactive Quarkus REST client. Its base URI is
 * {@code <api-base-url>/bot<token>}, built by {@link BotApiClient}, so the token lives in one place only.
 */
@Path("/")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface BotApi {

    @POST
    @Path("getMe")
    Uni<ApiResponse<Update.User>> getMe();

    @POST
    @Path("getUpdates")
    Uni<ApiResponse<List<Update>>> getUpdates(Requests.GetUpdates request);

    @POST
    @Path("sendMessage")
    Uni<ApiResponse<Update.Message>> sendMessage(Requests.SendMessage request);

    @POST
    @Path("setWebhook")
    Uni<ApiResponse<Boolean>> setWebhook(Requests.SetWebhook request);

    @POST
    @Path("deleteWebhook")
    Uni<ApiResponse<Boolean>> deleteWebhook(Requests.DeleteWebhook request);

    @POST
    @Path("setMyCommands")
    Uni<ApiResponse<Boolean>> setMyCommands(Requests.SetMyCommands request);

    @POST
    @Path("answerCallbackQuery")
    Uni<ApiResponse<Boolean>> answerCallbackQuery(Requests.AnswerCallbackQuery request);

    @POST
    @Path("editMessageReplyMarkup")
    Uni<ApiResponse<JsonNode>> editMessageReplyMarkup(Requests.EditMessageReplyMarkup request);

    @POST
    @Path("editMessageText")
    Uni<ApiResponse<JsonNode>> editMessageText(Requests.EditMessageText request);

    /** Every non-2xx answer becomes a {@link BotApiException} carrying Telegram's own error fields. */
    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        String description = response.getStatusInfo().getReasonPhrase();
        Integer retryAfter = null;
        try {
            String body = response.readEntity(String.class);
            JsonNode json = ErrorBodies.MAPPER.readTree(body);
            if (json != null && json.hasNonNull("description")) {
                description = json.get("description").asText();
            }
            if (json != null && json.at("/parameters/retry_after").canConvertToInt()) {
                retryAfter = json.at("/parameters/retry_after").asInt();
            }
        } catch (Exception e) {
            // Not a Bot API body (a proxy's error page): the status alone says enough.
        }
        return new BotApiException(response.getStatus(), description, retryAfter);
    }

    /** Holder so the interface's static mapper does not build an ObjectMapper per error. */
    final class ErrorBodies {
        static final ObjectMapper MAPPER = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

        private ErrorBodies() {
        }
    }
}
