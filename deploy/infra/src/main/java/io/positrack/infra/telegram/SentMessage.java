package io.positrack.infra.telegram;

import java.time.Instant;

/**
 * A message the bot sent through {@code sendMessage}, as the stand-in accepted it.
 *
 * @param text the {@code text} parameter exactly as sent (HTML markup included when {@code parseMode} is HTML)
 * @param parseMode the {@code parse_mode} parameter, or {@code null}
 * @param plainText what the user sees: the text with its markup parsed away and entities decoded
 */
public record SentMessage(long messageId, long chatId, String text, String parseMode, String plainText, Instant sentAt) {
}
