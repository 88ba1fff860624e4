package io.positrack.gateway.botapi;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.positrack.gateway.config.GatewayConfig;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.mutiny.Uni;

/**
 * The one connection to the Bot API for this bot. Unwraps {@code result}, turns {@code ok: false} into
 * {@link BotApiException}, and knows the bot id (the part of the token before the colon, which is public).
 */
@ApplicationScoped
public class BotApiClient {

    private static final Pattern TOKEN = Pattern.compile("^(\\d+):.+$");
    /** Slack on top of the long-poll timeout before the client gives up on a getUpdates call. */
    private static final Duration READ_SLACK = Duration.ofSeconds(15);

    private final Optional<BotApi> api;
    private final long botId;
    private final Duration pollTimeout;

    public BotApiClient(GatewayConfig config) {
        this.pollTimeout = config.polling().timeout();
        Optional<String> token = config.botToken().map(String::trim).filter(t -> !t.isEmpty());
        if (token.isPresent()) {
            Matcher matcher = TOKEN.matcher(token.get());
            if (!matcher.matches()) {
                throw new IllegalArgumentException("positrack.telegram.bot-token is not of the form <bot id>:<secret>");
            }
            this.botId = Long.parseLong(matcher.group(1));
            String base = config.apiBaseUrl().endsWith("/") ? config.apiBaseUrl() : config.apiBaseUrl() + "/";
            this.api = Optional.of(QuarkusRestClientBuilder.newBuilder()
                    .baseUri(URI.create(base + "bot" + token.get()))
                    .connectTimeout(5, TimeUnit.SECONDS)
                    .readTimeout(pollTimeout.plus(READ_SLACK).toMillis(), TimeUnit.MILLISECONDS)
                    .build(BotApi.class));
        } else {
            this.botId = 0;
            this.api = Optional.empty();
        }
    }

    /** False when no token is configured: the gateway then neither polls nor registers a webhook. */
    public boolean configured() {
        return api.isPresent();
    }

    public long botId() {
        return botId;
    }

    public Uni<Update.User> getMe() {
        return call(api().getMe());
    }

    /** One long poll; {@code offset} confirms every update below it. */
    public Uni<List<Update>> getUpdates(Long offset) {
        return call(api().getUpdates(new Requests.GetUpdates(offset, 100, (int) pollTimeout.toSeconds(), Requests.ALLOWED_UPDATES)));
    }

    public Uni<Update.Message> sendHtml(long chatId, String html) {
        return call(api().sendMessage(Requests.SendMessage.html(chatId, html)));
    }

    public Uni<Update.Message> sendHtml(long chatId, String html, Requests.InlineKeyboardMarkup keyboard) {
        return call(api().sendMessage(Requests.SendMessage.html(chatId, html, keyboard)));
    }

    /** Stops the button's spinner; {@code text} (at most 200 characters) is shown to the user who pressed. */
    public Uni<Boolean> answerCallback(String callbackQueryId, String text) {
        return call(api().answerCallbackQuery(new Requests.AnswerCallbackQuery(callbackQueryId, text, null)));
    }

    /** Replaces a sent message's text (HTML) and keyboard ({@link Requests.InlineKeyboardMarkup#none()} to remove it). */
    public Uni<Void> editHtml(long chatId, long messageId, String html, Requests.InlineKeyboardMarkup keyboard) {
        return call(api().editMessageText(new Requests.EditMessageText(chatId, messageId, html, "HTML", keyboard))).replaceWithVoid();
    }

    public Uni<Void> editKeyboard(long chatId, long messageId, Requests.InlineKeyboardMarkup keyboard) {
        return call(api().editMessageReplyMarkup(new Requests.EditMessageReplyMarkup(chatId, messageId, keyboard))).replaceWithVoid();
    }

    public Uni<Boolean> setWebhook(String url, String secret) {
        return call(api().setWebhook(new Requests.SetWebhook(url, secret, Requests.ALLOWED_UPDATES)));
    }

    public Uni<Boolean> deleteWebhook() {
        return call(api().deleteWebhook(new Requests.DeleteWebhook(false)));
    }

    public Uni<Boolean> setMyCommands(List<Requests.MenuEntry> commands) {
        return call(api().setMyCommands(new Requests.SetMyCommands(commands)));
    }

    private BotApi api() {
        return api.orElseThrow(() -> new IllegalStateException("no bot token configured"));
    }

    private static <T> Uni<T> call(Uni<ApiResponse<T>> response) {
        return response.map(r -> {
            if (!r.ok()) {
                throw new BotApiException(r.errorCode() == null ? 0 : r.errorCode(), r.description(),
                        r.parameters() == null ? null : r.parameters().retryAfter());
            }
            return r.result();
        });
    }
}
