package io.positrack.signal.session;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.positrack.contracts.position.PositionCommand;
import io.positrack.signal.command.PositionCommandPublisher;
import io.positrack.signal.config.Instrument;
import io.positrack.signal.config.Instruments;
import io.positrack.signal.config.SignalConfig;
import io.positrack.signal.support.Clock;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Sends {@code ExpirePending} for sessions whose entry has not filled within the symbol's
 * {@code entry-timeout}. Whether the entry filled is read from the session read model (PositionEntryFilled
 * or PositionActivated seen on {@code position-events}); position-service decides on its own data, so an
 * entry that filled meanwhile is answered NOT_EXPIRABLE and stays open.
 *
 * <p>The command id is derived from the position ({@code expire-<positionId>}): sending it again after a
 * crash between the send and the mark has no second effect.
 */
@ApplicationScoped
public class EntryExpiryScheduler {

    private final SessionRepository sessions;
    private final PositionCommandPublisher publisher;
    private final Instruments instruments;
    private final Duration defaultTimeout;
    private final Clock clock;
    private final Counter requested;

    public EntryExpiryScheduler(SessionRepository sessions, PositionCommandPublisher publisher, Instruments instruments,
            SignalConfig config, Clock clock, MeterRegistry registry) {
        this.sessions = sessions;
        this.publisher = publisher;
        this.instruments = instruments;
        this.defaultTimeout = config.instrumentDefaults().entryTimeout();
        this.clock = clock;
        this.requested = Counter.builder("positrack.signal.sessions.expiry_requested")
                .description("ExpirePending commands sent for sessions whose entry did not fill in time").register(registry);
    }

    @Scheduled(every = "${positrack.signal.sessions.expiry-check-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> expireUnfilledEntries() {
        Instant now = clock.now();
        return sessions.awaitingEntry()
                .onItem().transformToMulti(list -> Multi.createFrom().iterable(list))
                .filter(s -> !s.openedAt().plus(timeout(s.symbol())).isAfter(now))
                .onItem().transformToUniAndConcatenate(this::expire)
                .collect().last()
                .onFailure().invoke(e -> Log.warnf("Entry expiry check failed, will try again: %s", e.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    private Uni<Void> expire(SessionRepository.AwaitingEntry s) {
        PositionCommand.ExpirePending command = new PositionCommand.ExpirePending("expire-" + s.positionId(), s.account(), s.venue(),
                s.symbol(), null, clock.now(), s.positionId());
        return publisher.send(command, null)
                .call(() -> sessions.markExpiryRequested(s.positionId(), clock.now()))
                .invoke(() -> {
                    requested.increment();
                    Log.infof("Position #%d (%s) did not fill within %s: ExpirePending sent", s.positionId(), s.symbol(),
                            timeout(s.symbol()));
                });
    }

    private Duration timeout(String symbol) {
        return instruments.find(symbol).map(Instrument::entryTimeout).orElse(defaultTimeout);
    }
}
