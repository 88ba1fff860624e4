package io.positrack.gateway.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.positrack.contracts.position.PositionEventType;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Typed configuration of telegram-gateway ({@code positrack.telegram.*}); every key is in docs/telegram-gateway.md. */
@ConfigMapping(prefix = "positrack.telegram")
public interface GatewayConfig {

    /** Base URL of the Bot API: Telegram's, a local Bot API server, or the stand-in. */
    @WithDefault("https://api.telegram.org")
    String apiBaseUrl();

    /** The bot token ({@code <bot id>:<secret>}); absent means the gateway does not connect. Never logged. */
    Optional<String> botToken();

    /** How updates arrive: long polling on the elected leader, or a webhook on every replica. */
    @WithDefault("polling")
    Mode mode();

    /** The symbol of {@code /getsignal}, {@code /status} and {@code /close} without an argument. */
    @WithDefault("XAUUSD")
    String defaultSymbol();

    /** The symbols users may name; absent means any symbol matching {@link #symbolPattern()}. */
    Optional<List<String>> symbols();

    /** The same rule position-service applies, so a bad symbol is answered here, at once. */
    @WithDefault("^[A-Z0-9]{2,20}([-_/][A-Z0-9]{2,10})?$")
    String symbolPattern();

    /** When true, only a chat's {@code admins} may use {@code /close}. */
    @WithDefault("false")
    boolean closeRequiresAdmin();

    /**
     * Trading commands ({@code /getsignal}, {@code /close}) older than this when they reach the gateway (Telegram
     * queued them while it was down) are refused with the reason instead of being run late.
     */
    @WithDefault("60s")
    Duration maxCommandAge();

    /** Largest {@code N} of {@code /history N}. */
    @WithDefault("50")
    int maxHistory();

    /** The allow-list: only these chats reach commands, each mapped to one trading account. */
    Optional<List<Chat>> chats();

    RateLimit rateLimit();

    Polling polling();

    Leadership leadership();

    Webhook webhook();

    Send send();

    Retention retention();

    /**
     * How long dedupe records are kept (docs/telegram-gateway.md "Retention"). Each must outlive every redelivery of
     * what it dedupes; shorter settings are refused at startup ({@code RetentionFloors}).
     */
    interface Retention extends io.positrack.runtime.retention.BatchBudget {
        /** Processed Telegram updates: Telegram redelivers an unconfirmed update for up to 24 hours. */
        @WithDefault("7d")
        Duration updates();

        /**
         * Sent-reply claims: they dedupe records of {@code command-results} (7 days), {@code alerts} (30 days) and
         * {@code position-events}, and dead letters replayed from the {@code -dlq} topics (30 days).
         */
        @WithDefault("35d")
        Duration replies();
    }

    /** Which {@code position-events} reach subscribed chats. */
    @WithDefault("PositionOpened,PositionActivated,PositionClosed,PositionRolledBack,PositionAdopted")
    Set<PositionEventType> notifyOn();

    enum Mode {
        POLLING,
        WEBHOOK
    }

    /** One allow-listed chat. */
    interface Chat {
        /** Telegram chat id (negative for groups). */
        long id();

        /** The trading account the chat's commands act on; the chat sees only this account. */
        String account();

        /** Users who may use the bot in this chat; absent means every member. */
        Optional<Set<Long>> users();

        /** Users who may {@code /close} when {@code close-requires-admin} is on. */
        Optional<Set<Long>> admins();
    }

    interface RateLimit {
        /** Commands one chat may send per {@link #per()}. */
        @WithDefault("20")
        int commands();

        @WithDefault("60s")
        Duration per();
    }

    interface Polling {
        /** Long-polling timeout of one getUpdates call. */
        @WithDefault("25s")
        Duration timeout();

        /** First wait after a 409 Conflict; doubles on each further conflict up to {@link #maxBackoff()}. */
        @WithDefault("2s")
        Duration conflictBackoff();

        /** First wait after a network or server error; doubles up to {@link #maxBackoff()}. */
        @WithDefault("1s")
        Duration errorBackoff();

        @WithDefault("60s")
        Duration maxBackoff();

        /** Delete a webhook left behind before polling (switching from webhook mode); off by default. */
        @WithDefault("false")
        boolean deleteWebhook();
    }

    interface Leadership {
        /** The single-partition topic whose owner polls. */
        @WithDefault("telegram-poller-leader")
        String topic();

        /** Consumer group prefix; the bot id is appended so that two bots never share an election. */
        @WithDefault("telegram-gateway-poller")
        String group();

        /** How fast a dead leader's partition moves: 6 s is the broker's smallest allowed value by default. */
        @WithDefault("6s")
        Duration sessionTimeout();

        @WithDefault("1s")
        Duration heartbeat();
    }

    interface Webhook {
        /** The {@code secret_token} Telegram must send back (1-256 of A-Z a-z 0-9 _ -); required in webhook mode. */
        Optional<String> secret();

        /** The public HTTPS URL of {@code /telegram/webhook}; when set, the gateway registers it at startup. */
        Optional<String> publicUrl();
    }

    interface Send {
        /** sendMessage attempts per message part before giving up. */
        @WithDefault("8")
        int maxAttempts();

        @WithDefault("250ms")
        Duration initialBackoff();

        @WithDefault("10s")
        Duration maxBackoff();

        /** A 429's retry_after is honoured up to this; longer waits are cut to it. */
        @WithDefault("120s")
        Duration maxRetryAfter();
    }
}
