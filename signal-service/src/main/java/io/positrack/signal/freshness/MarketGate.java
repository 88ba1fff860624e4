package io.positrack.signal.freshness;

import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
import io.positrack.contracts.position.PositionCommand;
import io.positrack.signal.config.SignalConfig;

/**
 * The one place every entry path of signal-service asks whether the market allows an entry ({@link EntryGuard}):
 * the chat's {@code /getsignal}, the command API's open and the alert webhook. Only {@code OpenPosition} is checked:
 * closes and stop updates are never blocked by old data.
 */
@ApplicationScoped
public class MarketGate {

    private final LatestTicks ticks;
    private final SignalConfig.Staleness config;
    private final MeterRegistry registry;

    public MarketGate(LatestTicks ticks, SignalConfig config, MeterRegistry registry) {
        this.ticks = ticks;
        this.config = config.staleness();
        this.registry = registry;
        for (String reason : new String[] { "stale_data", "stale_signal" }) {
            registry.counter("positrack.signal.entries.refused", "reason", reason);
        }
    }

    /** Why this command must not be sent now, or empty (always empty for a command that is not an entry). */
    public Optional<String> refusal(PositionCommand command) {
        if (!(command instanceof PositionCommand.OpenPosition open)) {
            return Optional.empty();
        }
        Optional<String> refusal = EntryGuard.refusal(open.symbol(), open.side(), open.stopLoss(), open.takeProfit(),
                ticks.of(open.symbol()), ticks.startedAt(), Instant.now(),
                config.enabled() ? Optional.of(config.maxAge()) : Optional.empty());
        refusal.ifPresent(r -> registry.counter("positrack.signal.entries.refused", "reason",
                r.startsWith("no fresh market data") ? "stale_data" : "stale_signal").increment());
        return refusal;
    }
}
