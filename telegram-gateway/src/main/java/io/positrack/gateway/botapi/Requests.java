package io.positrack.gateway.botapi;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Bodies of the Bot API calls the gateway makes, in the API's own field names. */
public final class Requests {

    /** Only messages reach the gateway; edits, reactions and the like are not commands. */
    public static final List<String> ALLOWED_UPDATES = List.of("message");

    private Requests() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record GetUpdates(Long offset, Integer limit, Integer timeout,
            @JsonProperty("allowed_updates") List<String> allowedUpdates) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SendMessage(@JsonProperty("chat_id") long chatId, String text, @JsonProperty("parse_mode") String parseMode,
            @JsonProperty("link_preview_options") LinkPreviewOptions linkPreviewOptions) {

        public static SendMessage html(long chatId, String html) {
            return new SendMessage(chatId, html, "HTML", new LinkPreviewOptions(true));
        }
    }

    public record LinkPreviewOptions(@JsonProperty("is_disabled") boolean isDisabled) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SetWebhook(String url, @JsonProperty("secret_token") String secretToken,
            @JsonProperty("allowed_updates") List<String> allowedUpdates) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DeleteWebhook(@JsonProperty("drop_pending_updates") Boolean dropPendingUpdates) {
    }

    /** {@code setMyCommands}: the "/" menu Telegram shows users. */
    public record SetMyCommands(List<MenuEntry> commands) {
    }

    /** One entry of that menu: a command (lower case, without the slash) and what it does. */
    public record MenuEntry(String command, String description) {
    }
}
