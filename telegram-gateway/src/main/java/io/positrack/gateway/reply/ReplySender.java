package io.positrack.gateway.reply;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.micrometer.core.instrument.MeterRegistry;
import io.positrack.gateway.botapi.BotApiClient;
import io.positrack.gateway.botapi.Requests;
import io.positrack.gateway.config.GatewayConfig;
import io.positrack.gateway.security.Secrets;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Sends a reply at most once per key: claim in {@code sent_replies}, send every part (split at 4096 characters)
 * with the retry policy, then mark the row. A Telegram refusal is a logged, counted outcome, never an exception
 * to the caller; only database faults propagate (the caller retries and finds its own claim).
 */
@ApplicationScoped
public class ReplySender {

    public enum Delivery {
        SENT,
        DUPLICATE,
        FAILED
    }

    private final BotApiClient api;
    private final SentReplies replies;
    private final MeterRegistry registry;
    private final Secrets secrets;
    private final SendRetryPolicy policy;
    private final MessageSplitter splitter = new MessageSplitter(MessageSplitter.TELEGRAM_LIMIT);
    private final String instance;

    public ReplySender(BotApiClient api, SentReplies replies, MeterRegistry registry, Secrets secrets, GatewayConfig config,
            @ConfigProperty(name = "quarkus.uuid") String uuid) {
        this.api = api;
        this.replies = replies;
        this.registry = registry;
        this.secrets = secrets;
        GatewayConfig.Send send = config.send();
        this.policy = new SendRetryPolicy(send.maxAttempts(), send.initialBackoff(), send.maxBackoff(), send.maxRetryAfter());
        this.instance = System.getenv().getOrDefault("HOSTNAME", "gateway") + "/" + uuid.substring(0, 8);
    }

    /** Sends {@code html} to the chat unless a reply with this key was already claimed. */
    public Uni<Delivery> sendOnce(String key, long chatId, ReplyKind kind, String html) {
        return sendOnce(key, chatId, kind, html, null);
    }

    /** As {@link #sendOnce(String, long, ReplyKind, String)}, with an inline keyboard under the (last part of the) message. */
    public Uni<Delivery> sendOnce(String key, long chatId, ReplyKind kind, String html, Requests.InlineKeyboardMarkup keyboard) {
        return replies.claim(key, chatId, kind, instance).chain(claimed -> {
            if (!claimed) {
                registry.counter("positrack.telegram.replies.duplicates", "kind", kind.tag()).increment();
                Log.debugf("Reply %s already claimed: not sent again", key);
                return Uni.createFrom().item(Delivery.DUPLICATE);
            }
            AtomicInteger attempts = new AtomicInteger();
            // Only the Bot API calls are inside the recovery: a database fault marking the row propagates.
            return sendParts(chatId, html, keyboard, attempts)
                    .map(ignored -> (Throwable) null)
                    .onFailure().recoverWithItem(failure -> failure)
                    .chain(failure -> {
                        if (failure == null) {
                            return replies.finish(key, true, attempts.get(), null).map(ignored -> delivered(kind));
                        }
                        String why = secrets.describe(failure);
                        Log.warnf("Reply %s to chat %d not delivered after %d attempts: %s", key, chatId, attempts.get(), why);
                        registry.counter("positrack.telegram.replies.failed", "kind", kind.tag()).increment();
                        return replies.finish(key, false, attempts.get(), why).map(ignored -> Delivery.FAILED);
                    });
        });
    }

    /** Sends without a record: only for answers whose repetition is harmless and which must leave no trace (refusals). */
    public Uni<Delivery> sendUntracked(long chatId, ReplyKind kind, String html) {
        AtomicInteger attempts = new AtomicInteger();
        return sendParts(chatId, html, null, attempts).map(ignored -> delivered(kind))
                .onFailure().recoverWithItem(e -> {
                    Log.warnf("Message to chat %d not delivered: %s", chatId, secrets.describe(e));
                    registry.counter("positrack.telegram.replies.failed", "kind", kind.tag()).increment();
                    return Delivery.FAILED;
                });
    }

    private Delivery delivered(ReplyKind kind) {
        registry.counter("positrack.telegram.replies.sent", "kind", kind.tag()).increment();
        return Delivery.SENT;
    }

    private Uni<Void> sendParts(long chatId, String html, Requests.InlineKeyboardMarkup keyboard, AtomicInteger attempts) {
        List<String> parts = splitter.split(html);
        String last = parts.get(parts.size() - 1);
        return Multi.createFrom().iterable(parts)
                .onItem().transformToUniAndConcatenate(part -> attempt(chatId, part, part == last ? keyboard : null, attempts, 1)
                        .replaceWith(part))
                .collect().last().replaceWithVoid();
    }

    private Uni<Void> attempt(long chatId, String part, Requests.InlineKeyboardMarkup keyboard, AtomicInteger attempts, int attempt) {
        attempts.incrementAndGet();
        return api.sendHtml(chatId, part, keyboard).replaceWithVoid()
                .onFailure().recoverWithUni(failure -> policy.next(failure, attempt)
                        .map(retry -> {
                            registry.counter("positrack.telegram.send.retries", "reason", retry.reason()).increment();
                            Log.debugf("sendMessage to chat %d failed (%s), retrying in %s", chatId, secrets.describe(failure), retry.delay());
                            return Uni.createFrom().voidItem().onItem().delayIt().by(retry.delay())
                                    .chain(() -> attempt(chatId, part, keyboard, attempts, attempt + 1));
                        })
                        .orElseGet(() -> Uni.createFrom().failure(failure)));
    }
}
