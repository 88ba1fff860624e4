package io.positrack.signal.config;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Typed configuration of signal-service ({@code positrack.signal.*}). */
@ConfigMapping(prefix = "positrack.signal")
public interface SignalConfig {

    /** Symbol used when a user's command names none. */
    @WithDefault("XAUUSD")
    String defaultSymbol();

    /** Venue that position commands are addressed to. */
    @WithDefault("paper")
    String venue();

    /** Comma-separated symbols the strategy watches; empty means the default symbol only. */
    Optional<String> symbols();
}
