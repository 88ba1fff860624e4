package io.positrack.infra.telegram;

/** An {@code answerCallbackQuery} the bot made: which press it answered and what the user was shown. */
public record CallbackAnswer(String callbackQueryId, String text, boolean showAlert) {
}
