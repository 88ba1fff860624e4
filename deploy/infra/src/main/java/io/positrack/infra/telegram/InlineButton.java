package io.positrack.infra.telegram;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** One button of an inline keyboard ({@code InlineKeyboardButton} with {@code callback_data}), as the bot sent it. */
public record InlineButton(String text, String callbackData) {

    /** Telegram refuses a {@code callback_data} longer than this many bytes (UTF-8). */
    public static final int MAX_CALLBACK_DATA_BYTES = 64;

    /**
     * The rows of an {@code InlineKeyboardMarkup}, checked as Telegram checks them: every button has a text and
     * 1–64 bytes of {@code callback_data}. {@code null} markup is no keyboard (an empty list).
     */
    static List<List<InlineButton>> rowsOf(JsonNode markup) {
        List<List<InlineButton>> rows = new ArrayList<>();
        if (markup == null || markup.isNull()) {
            return rows;
        }
        JsonNode keyboard = markup.get("inline_keyboard");
        if (keyboard == null || !keyboard.isArray()) {
            throw new IllegalArgumentException("Bad Request: can't parse inline keyboard markup");
        }
        for (JsonNode row : keyboard) {
            if (!row.isArray()) {
                throw new IllegalArgumentException("Bad Request: inline keyboard row must be an array");
            }
            List<InlineButton> buttons = new ArrayList<>();
            for (JsonNode b : row) {
                String text = b.path("text").asText("");
                String data = b.path("callback_data").asText("");
                if (text.isEmpty()) {
                    throw new IllegalArgumentException("Bad Request: text buttons are unallowed in the inline keyboard");
                }
                int bytes = data.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
                if (bytes < 1 || bytes > MAX_CALLBACK_DATA_BYTES) {
                    throw new IllegalArgumentException("Bad Request: BUTTON_DATA_INVALID");
                }
                buttons.add(new InlineButton(text, data));
            }
            rows.add(List.copyOf(buttons));
        }
        return List.copyOf(rows);
    }
}
