package io.positrack.gateway.support;

import java.util.LinkedHashMap;
import java.util.Map;

import io.positrack.infra.telegram.TelegramBotApiStandIn;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points the gateway at a Telegram Bot API stand-in, one per test JVM (like the broker and the database), with
 * the test allow-list and timings short enough for tests. Also writes the log to a file the log-scan test reads.
 */
public class TelegramStandInResource implements QuarkusTestResourceLifecycleManager {

    public static final String LOG_FILE = "target/telegram-gateway-test.log";

    private static TelegramBotApiStandIn shared;

    public static synchronized TelegramBotApiStandIn standIn() {
        if (shared == null) {
            TelegramBotApiStandIn started = TelegramBotApiStandIn.start();
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "telegram-stand-in-stop"));
            shared = started;
        }
        return shared;
    }

    @Override
    public Map<String, String> start() {
        TelegramBotApiStandIn standIn = standIn();
        Map<String, String> config = new LinkedHashMap<>(TestChats.config());
        config.put("positrack.telegram.api-base-url", standIn.baseUrl());
        config.put("positrack.telegram.bot-token", standIn.token());
        config.put("positrack.telegram.close-requires-admin", "true");
        config.put("positrack.telegram.rate-limit.commands", Integer.toString(TestChats.RATE_LIMIT));
        config.put("positrack.telegram.rate-limit.per", "60s");
        config.put("positrack.telegram.polling.timeout", "2s");
        config.put("positrack.telegram.polling.conflict-backoff", "400ms");
        config.put("positrack.telegram.polling.error-backoff", "200ms");
        config.put("positrack.telegram.send.initial-backoff", "100ms");
        // Everything is logged, request logging of the REST client included, and scanned for secrets afterwards.
        config.put("quarkus.log.file.enabled", "true");
        config.put("quarkus.log.file.path", LOG_FILE);
        // One file however long the run: the scan must see the whole log, and a campaign writes tens of thousands of lines.
        config.put("quarkus.log.file.rotation.max-file-size", "1G");
        config.put("quarkus.log.category.\"io.positrack\".level", "DEBUG");
        config.put("quarkus.rest-client.logging.scope", "request-response");
        config.put("quarkus.log.category.\"org.jboss.resteasy.reactive.client.logging\".level", "DEBUG");
        return config;
    }

    @Override
    public void stop() {
        // Shared for the whole JVM: stopped by the shutdown hook.
    }
}
