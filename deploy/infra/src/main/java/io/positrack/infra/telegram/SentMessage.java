package io.positrack.infra.telegram;

import java.time.Instant;
import java.util.List;

/**
 * A message the bot sent through {@code sendMessage}, as the stand-in accepted it.
 *
 * @param text the {@code text} parameter exactly as sent (HTML markup included when {@code parseMode} is HTML)
 * @param parseMode the {@code parse_mode} parameter, or {@code null}
 * @param plainText what the user sees: the text with its markup parsed away and entities decoded
 * @param keyboard the inline keyboard sent with it ({@code reply_markup}), row by row; empty without one
 */
public record SentMessage(long messageId, long chatId, String text, String parseMode, String plainText, Instant sentAt,
        List<List<InlineButton>> keyboard) {

    public SentMessage(long messageId, long chatId, String text, String parseMode, String plainText, Instant sentAt) {
        this(messageId, chatId, text, parseMode, plainText, sentAt, List.of());
    }

    /** Every button, row after row. */
    public List<InlineButton> buttons() {
        return keyboard.stream().flatMap(List::stream).toList();
    }
}
