package io.positrack.infra.telegram;

/**
 * The webhook a bot registered with {@code setWebhook}.
 *
 * @param secretToken the {@code secret_token}, sent back in {@code X-Telegram-Bot-Api-Secret-Token} on every
 *     delivery; {@code null} when none was set. Never printed by {@link #toString()}.
 */
public record Webhook(String url, String secretToken) {

    @Override
    public String toString() {
        return "Webhook[url=" + url + ", secretToken=" + (secretToken == null ? "none" : "***") + "]";
    }
}
