package io.positrack.gateway.botapi;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Bodies of the Bot API calls the gateway makes, in the API's own field names. */
public final class Requests {

    /** Messages and button presses reach the gateway; edits, reactions and the like are not commands. */
    public static final List<String> ALLOWED_UPDATES = List.of("message", "callback_query");

    private Requests() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record GetUpdates(Long offset, Integer limit, Integer timeout,
            @JsonProperty("allowed_updates") List<String> allowedUpdates) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SendMessage(@JsonProperty("chat_id") long chatId, String text, @JsonProperty("parse_mode") String parseMode,
            @JsonProperty("link_preview_options") LinkPreviewOptions linkPreviewOptions,
            @JsonProperty("reply_markup") InlineKeyboardMarkup replyMarkup) {

        public static SendMessage html(long chatId, String html) {
            return html(chatId, html, null);
        }

        public static SendMessage html(long chatId, String html, InlineKeyboardMarkup keyboard) {
            return new SendMessage(chatId, html, "HTML", new LinkPreviewOptions(true), keyboard);
        }
    }

    /** An inline keyboard: rows of buttons under a message. */
    public record InlineKeyboardMarkup(@JsonProperty("inline_keyboard") List<List<InlineKeyboardButton>> inlineKeyboard) {

        /** No buttons: what an edit sends to take a keyboard away. */
        public static InlineKeyboardMarkup none() {
            return new InlineKeyboardMarkup(List.of());
        }
    }

    /** A button that sends {@code callback_data} (1–64 bytes) back to the bot when pressed. */
    public record InlineKeyboardButton(String text, @JsonProperty("callback_data") String callbackData) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AnswerCallbackQuery(@JsonProperty("callback_query_id") String callbackQueryId, String text,
            @JsonProperty("show_alert") Boolean showAlert) {
    }

    public record EditMessageReplyMarkup(@JsonProperty("chat_id") long chatId, @JsonProperty("message_id") long messageId,
            @JsonProperty("reply_markup") InlineKeyboardMarkup replyMarkup) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EditMessageText(@JsonProperty("chat_id") long chatId, @JsonProperty("message_id") long messageId, String text,
            @JsonProperty("parse_mode") String parseMode, @JsonProperty("reply_markup") InlineKeyboardMarkup replyMarkup) {
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
