package io.positrack.gateway.config;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Typed configuration of telegram-gateway ({@code positrack.telegram.*}). */
@ConfigMapping(prefix = "positrack.telegram")
public interface GatewayConfig {

    /** Base URL of the Bot API: Telegram's, a local Bot API server, or the stand-in. */
    @WithDefault("https://api.telegram.org")
    String apiBaseUrl();

    /** The bot token; absent means the gateway does not connect (never logged). */
    Optional<String> botToken();

    /** How updates arrive: {@code polling} (leader only) or {@code webhook}. */
    @WithDefault("polling")
    String mode();
}
