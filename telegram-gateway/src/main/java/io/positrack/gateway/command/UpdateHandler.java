package io.positrack.gateway.command;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
import io.positrack.contracts.bot.BotCommand;
import io.positrack.contracts.bot.BotVerb;
import io.positrack.gateway.botapi.BotApiClient;
import io.positrack.gateway.botapi.Update;
import io.positrack.gateway.config.GatewayConfig;
import io.positrack.gateway.notify.Subscriptions;
import io.positrack.gateway.reply.Html;
import io.positrack.gateway.reply.ReplyKind;
import io.positrack.gateway.reply.ReplySender;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * One Telegram update, from either receiving mode: recognised if already handled, authorised, rate-limited per
 * user, parsed, checked for age ({@link CommandAge}), then published as one {@link BotCommand} or answered directly. Completes only when the effect is
 * durable (broker acknowledgement, reply recorded), so the caller may then confirm the update to Telegram.
 */
@ApplicationScoped
public class UpdateHandler {

    enum Outcome {
        PUBLISHED,
        REPLIED,
        /** Refused, rate-limited or ignored: leaves no record anywhere (I12: an unknown chat changes nothing). */
        UNRECORDED
    }

    private final BotApiClient api;
    private final ProcessedUpdates processed;
    private final ChatAccess access;
    private final CommandParser parser;
    private final ChatRateLimiter limiter;
    private final BotCommandPublisher publisher;
    private final ReplySender replies;
    private final Subscriptions subscriptions;
    private final BotIdentity identity;
    private final MeterRegistry registry;
    private final GatewayConfig config;
    private final io.positrack.runtime.rules.ClockBounds clockBounds;
    private final DeskCallbacks callbacks;

    public UpdateHandler(BotApiClient api, ProcessedUpdates processed, ChatAccess access, BotCommandPublisher publisher,
            ReplySender replies, Subscriptions subscriptions, BotIdentity identity, MeterRegistry registry, GatewayConfig config,
            io.positrack.runtime.rules.ClockBounds clockBounds, DeskCallbacks callbacks) {
        this.clockBounds = clockBounds;
        this.callbacks = callbacks;
        this.api = api;
        this.processed = processed;
        this.access = access;
        this.publisher = publisher;
        this.replies = replies;
        this.subscriptions = subscriptions;
        this.identity = identity;
        this.registry = registry;
        this.config = config;
        this.parser = new CommandParser(config.defaultSymbol(), config.symbols(), config.symbolPattern(), config.maxHistory());
        this.limiter = new ChatRateLimiter(config.rateLimit().commands(), config.rateLimit().per());
    }

    public Uni<Void> handle(Update update) {
        return processed.contains(api.botId(), update.updateId()).chain(done -> {
            if (done) {
                registry.counter("positrack.telegram.updates.duplicates").increment();
                Log.debugf("Update %d was handled before: nothing to do", update.updateId());
                return Uni.createFrom().voidItem();
            }
            return decide(update).chain(outcome -> outcome == Outcome.UNRECORDED ? Uni.createFrom().voidItem()
                    : processed.mark(api.botId(), update.updateId(), outcome.name()));
        });
    }

    /** The command id of an update: the same for every delivery of it, so downstream dedupes. */
    public static String commandId(long botId, long updateId) {
        return "tg-" + botId + "-" + updateId;
    }

    private Uni<Outcome> decide(Update update) {
        if (update.callbackQuery() != null) {
            // A button press shares the typed commands' rate limit: one budget per user, whatever they press or type.
            return callbacks.decide(update, limiter);
        }
        Update.Message message = update.message();
        if (message == null || message.chat() == null) {
            return Uni.createFrom().item(Outcome.UNRECORDED);
        }
        long chatId = message.chat().id();
        long userId = message.from() == null ? 0 : message.from().id();
        String commandId = commandId(api.botId(), update.updateId());
        GatewayConfig.Chat chat = access.chat(chatId).orElse(null);
        if (chat == null) {
            return refuse("chat", chatId, userId, Replies.REFUSED_CHAT);
        }
        if (!access.allowsUser(chat, userId)) {
            return refuse("user", chatId, userId, Replies.REFUSED_USER);
        }
        // After the allow-list and per user: a member who may not use the bot cannot spend an allowed user's budget.
        switch (limiter.acquire(chatId, userId, Instant.now())) {
            case LIMITED_NOTIFY:
                registry.counter("positrack.telegram.commands.rate_limited").increment();
                return replies.sendUntracked(chatId, ReplyKind.DIRECT,
                        Replies.slowDown(config.rateLimit().per().toSeconds(), config.rateLimit().commands()))
                        .replaceWith(Outcome.UNRECORDED);
            case LIMITED_SILENT:
                registry.counter("positrack.telegram.commands.rate_limited").increment();
                return Uni.createFrom().item(Outcome.UNRECORDED);
            default:
                break;
        }
        ParsedCommand parsed = parser.parse(message.text(), identity.username());
        switch (parsed.kind()) {
            case IGNORE:
                return Uni.createFrom().item(Outcome.UNRECORDED);
            case START:
                return subscriptions.subscribe(chatId)
                        .chain(() -> reply(commandId, chatId, Replies.welcome(chat.account(), config.defaultSymbol())));
            case STOP:
                return subscriptions.unsubscribe(chatId).chain(() -> reply(commandId, chatId, Replies.UNSUBSCRIBED));
            case HELP:
                return reply(commandId, chatId, Replies.help(config.defaultSymbol()));
            case PROBLEM:
                return reply(commandId, chatId, Html.escape(parsed.problem()));
            default:
                break;
        }
        // Moving a stop changes the risk as much as closing does, and lifting a pause lets entries in again: the same
        // admin rule guards them. Pausing never needs an admin: anyone allowed may pull the kill switch.
        if ((parsed.verb() == BotVerb.CLOSE || parsed.verb() == BotVerb.UPDATE_STOPS || parsed.verb() == BotVerb.RESUME)
                && config.closeRequiresAdmin()
                && !access.isAdmin(chat, userId)) {
            return refuse("admin", chatId, userId, Replies.REFUSED_ADMIN);
        }
        Instant sentAt = Instant.ofEpochSecond(message.date());
        Instant now = Instant.now();
        switch (CommandAge.of(parsed.verb(), sentAt, now, config.maxCommandAge(), clockBounds.maxAhead())) {
            case TOO_OLD:
                registry.counter("positrack.telegram.commands.expired", "reason", "too_old").increment();
                Log.infof("Update %d: %s sent at %s is older than %s; not executed", update.updateId(), parsed.verb(), sentAt,
                        config.maxCommandAge());
                return reply(commandId, chatId, Html.escape(Replies.tooOld(java.time.Duration.between(sentAt, now).toSeconds(),
                        config.maxCommandAge().toSeconds())));
            case FROM_THE_FUTURE:
                registry.counter("positrack.telegram.commands.expired", "reason", "future").increment();
                return reply(commandId, chatId, Html.escape(Replies.FROM_THE_FUTURE));
            default:
                break;
        }
        if (parsed.verb() == BotVerb.CLOSE) {
            // A close is asked, not done: DeskCallbacks closes on Confirm, under the same rules and a fresh age check.
            String target = parsed.positionId() != null ? "#" + parsed.positionId() : parsed.symbol();
            var keyboard = DeskKeyboards.closeConfirmation(parsed.positionId() != null ? null : parsed.symbol(), parsed.positionId());
            if (keyboard.isPresent()) {
                return replies.sendOnce(commandId, chatId, ReplyKind.DIRECT,
                        Replies.closeQuestion(target, config.maxCommandAge().toSeconds()), keyboard.get()).replaceWith(Outcome.REPLIED);
            }
        }
        BotCommand command = new BotCommand(commandId, parsed.verb(), chat.account(), parsed.symbol(), parsed.positionId(),
                parsed.limit(), chatId, userId, sentAt, parsed.stopLoss(), parsed.takeProfit(), parsed.quantity());
        return publisher.publish(command).replaceWith(Outcome.PUBLISHED);
    }

    private Uni<Outcome> reply(String commandId, long chatId, String html) {
        return replies.sendOnce(commandId, chatId, ReplyKind.DIRECT, html).replaceWith(Outcome.REPLIED);
    }

    private Uni<Outcome> refuse(String reason, long chatId, long userId, String text) {
        registry.counter("positrack.telegram.chats.refused", "reason", reason).increment();
        Log.infof("Refused a message from user %d in chat %d (%s not allowed)", userId, chatId, reason);
        return replies.sendUntracked(chatId, ReplyKind.DIRECT, Html.escape(text)).replaceWith(Outcome.UNRECORDED);
    }
}
