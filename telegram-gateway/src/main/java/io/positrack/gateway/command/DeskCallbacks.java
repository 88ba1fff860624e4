package io.positrack.gateway.command;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
import io.positrack.contracts.bot.BotCommand;
import io.positrack.contracts.bot.BotVerb;
import io.positrack.gateway.botapi.BotApiClient;
import io.positrack.gateway.botapi.Requests;
import io.positrack.gateway.botapi.Update;
import io.positrack.gateway.config.GatewayConfig;
import io.positrack.gateway.reply.Html;
import io.positrack.gateway.security.Secrets;
import io.positrack.runtime.rules.ClockBounds;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * A press of one of the desk's buttons ({@code callback_query}). It obeys what a typed command obeys, in the same
 * order: the allow-list, then the per-user rate limit, then the role (admin for a close when
 * {@code close-requires-admin}), then the age of the message the button is under (for a close confirmation), and
 * {@code processed_updates} (the caller). Every press is answered ({@code answerCallbackQuery}) so the button
 * stops spinning, and a used keyboard is taken away.
 *
 * <p>Idempotent by construction: Open's command id is derived from the account, the chat and the signal, so presses
 * by any number of users in a chat are one command (same id, same content) and presses in two chats of one account are
 * two commands that position-service's one-position-per-signal rule folds into one position. A close's command id is
 * derived from the confirmation message, so pressing Confirm again is the same command.
 */
@ApplicationScoped
public class DeskCallbacks {

    private final BotApiClient api;
    private final ChatAccess access;
    private final BotCommandPublisher publisher;
    private final MeterRegistry registry;
    private final GatewayConfig config;
    private final ClockBounds clockBounds;
    private final Secrets secrets;
    private final Pattern symbolPattern;

    public DeskCallbacks(BotApiClient api, ChatAccess access, BotCommandPublisher publisher, MeterRegistry registry, GatewayConfig config,
            ClockBounds clockBounds, Secrets secrets) {
        this.api = api;
        this.access = access;
        this.publisher = publisher;
        this.registry = registry;
        this.config = config;
        this.clockBounds = clockBounds;
        this.secrets = secrets;
        this.symbolPattern = Pattern.compile(config.symbolPattern());
    }

    /** The command id of Open pressed in a chat: the same for every press there, whoever presses. */
    public static String openCommandId(String account, long chatId, String signalId) {
        return "desk-open-" + sha256(account + "\n" + chatId + "\n" + signalId).substring(0, 40);
    }

    /** The command id of a confirmed close: that of its confirmation message. */
    public static String closeCommandId(long botId, long chatId, long messageId) {
        return "tg-" + botId + "-close-" + chatId + "-" + messageId;
    }

    Uni<UpdateHandler.Outcome> decide(Update update, ChatRateLimiter limiter) {
        Update.CallbackQuery query = update.callbackQuery();
        if (query.id() == null) {
            return Uni.createFrom().item(UpdateHandler.Outcome.UNRECORDED);
        }
        Update.Message message = query.message();
        long userId = query.from() == null ? 0 : query.from().id();
        if (message == null || message.chat() == null) {
            return answered(query, "This button no longer works.", UpdateHandler.Outcome.UNRECORDED);
        }
        long chatId = message.chat().id();
        GatewayConfig.Chat chat = access.chat(chatId).orElse(null);
        if (chat == null || !access.allowsUser(chat, userId)) {
            registry.counter("positrack.telegram.chats.refused", "reason", chat == null ? "chat" : "user").increment();
            Log.infof("Refused a button press from user %d in chat %d (not allowed)", userId, chatId);
            return answered(query, chat == null ? Replies.REFUSED_CHAT : Replies.REFUSED_USER, UpdateHandler.Outcome.UNRECORDED);
        }
        ChatRateLimiter.Decision decision = limiter.acquire(chatId, userId, Instant.now());
        if (decision != ChatRateLimiter.Decision.ALLOWED) {
            registry.counter("positrack.telegram.commands.rate_limited").increment();
            return answered(query, Replies.slowDown(config.rateLimit().per().toSeconds(), config.rateLimit().commands()),
                    UpdateHandler.Outcome.UNRECORDED);
        }
        CallbackData.Decoded decoded = CallbackData.decode(query.data(), symbolPattern);
        if (decoded.problem() != null) {
            registry.counter("positrack.telegram.callbacks", "action", "invalid").increment();
            return answered(query, "This button is not one Positrack understands (" + decoded.problem()
                    + "); nothing was changed. Use /help for the commands.", UpdateHandler.Outcome.REPLIED);
        }
        CallbackData data = decoded.data();
        Instant shownAt = Instant.ofEpochSecond(message.date());
        if (data instanceof CallbackData.Open open) {
            registry.counter("positrack.telegram.callbacks", "action", "open").increment();
            // issuedAt is the pushed message's time, not the press's: every press in this chat is the same command.
            BotCommand command = new BotCommand(openCommandId(chat.account(), chatId, open.signalId()), BotVerb.OPEN_SIGNAL, chat.account(),
                    open.symbol(), null, null, chatId, userId, shownAt, null, null, null, open.signalId());
            return publisher.publish(command)
                    .chain(() -> answer(query, "Opening signal " + open.signalId() + "…"))
                    .chain(() -> edit(chatId, message, "✅ Open pressed; the answer follows."))
                    .replaceWith(UpdateHandler.Outcome.PUBLISHED);
        }
        if (data instanceof CallbackData.Ignore) {
            registry.counter("positrack.telegram.callbacks", "action", "ignore").increment();
            return answer(query, "Ignored; nothing was opened.")
                    .chain(() -> edit(chatId, message, "✖️ Ignored; nothing was opened."))
                    .replaceWith(UpdateHandler.Outcome.REPLIED);
        }
        if (data instanceof CallbackData.CancelClose) {
            registry.counter("positrack.telegram.callbacks", "action", "cancel").increment();
            return answer(query, "Cancelled; nothing was closed.")
                    .chain(() -> edit(chatId, message, "Cancelled; nothing was closed."))
                    .replaceWith(UpdateHandler.Outcome.REPLIED);
        }
        CallbackData.ConfirmClose close = (CallbackData.ConfirmClose) data;
        if (config.closeRequiresAdmin() && !access.isAdmin(chat, userId)) {
            registry.counter("positrack.telegram.chats.refused", "reason", "admin").increment();
            return answered(query, Replies.REFUSED_ADMIN, UpdateHandler.Outcome.UNRECORDED);
        }
        Instant now = Instant.now();
        switch (CommandAge.of(BotVerb.CLOSE, shownAt, now, config.maxCommandAge(), clockBounds.maxAhead())) {
            case TOO_OLD: {
                registry.counter("positrack.telegram.commands.expired", "reason", "too_old").increment();
                String why = Replies.confirmationTooOld(Duration.between(shownAt, now).toSeconds(), config.maxCommandAge().toSeconds());
                return answer(query, why).chain(() -> edit(chatId, message, why)).replaceWith(UpdateHandler.Outcome.REPLIED);
            }
            case FROM_THE_FUTURE:
                return answered(query, Replies.FROM_THE_FUTURE, UpdateHandler.Outcome.REPLIED);
            default:
                break;
        }
        registry.counter("positrack.telegram.callbacks", "action", "confirm_close").increment();
        BotCommand command = new BotCommand(closeCommandId(api.botId(), chatId, message.messageId()), BotVerb.CLOSE, chat.account(),
                close.symbol(), close.positionId(), null, chatId, userId, shownAt);
        return publisher.publish(command)
                .chain(() -> answer(query, "Closing…"))
                .chain(() -> edit(chatId, message, "Close confirmed; the answer follows."))
                .replaceWith(UpdateHandler.Outcome.PUBLISHED);
    }

    private Uni<UpdateHandler.Outcome> answered(Update.CallbackQuery query, String text, UpdateHandler.Outcome outcome) {
        return answer(query, text).replaceWith(outcome);
    }

    /** Telegram shows at most 200 characters; a failed answer only leaves the spinner running, so it never fails the update. */
    private Uni<Void> answer(Update.CallbackQuery query, String text) {
        String shown = text.length() > 200 ? text.substring(0, 199) + "…" : text;
        return api.answerCallback(query.id(), shown).replaceWithVoid()
                .onFailure().recoverWithItem(e -> {
                    Log.debugf("answerCallbackQuery %s failed: %s", query.id(), secrets.describe(e));
                    return null;
                });
    }

    /** The message the button was under, with the outcome below its text and no keyboard any more (best effort). */
    private Uni<Void> edit(long chatId, Update.Message message, String outcome) {
        String before = message.text() == null ? "" : Html.escape(message.text()) + "\n\n";
        return api.editHtml(chatId, message.messageId(), before + "<i>" + Html.escape(outcome) + "</i>",
                Requests.InlineKeyboardMarkup.none())
                .onFailure().recoverWithItem(e -> {
                    Log.debugf("Editing message %d in chat %d failed: %s", message.messageId(), chatId, secrets.describe(e));
                    return null;
                });
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }
}
