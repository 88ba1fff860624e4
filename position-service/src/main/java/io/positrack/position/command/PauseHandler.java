package io.positrack.position.command;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.positrack.contracts.position.Outcome;
import io.positrack.contracts.position.PositionCommand.PauseEntries;
import io.positrack.contracts.position.PositionCommand.ResumeEntries;
import io.positrack.position.pause.EntryPauses;
import io.positrack.position.pause.Pause;
import io.positrack.position.pause.PauseAnswers;
import io.positrack.position.support.Clock;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

/** Applies {@link PauseEntries} and {@link ResumeEntries} inside the command's transaction. They change no position. */
@ApplicationScoped
public class PauseHandler {

    private final EntryPauses pauses;
    private final Results results;
    private final Clock clock;

    public PauseHandler(EntryPauses pauses, Results results, Clock clock) {
        this.pauses = pauses;
        this.results = results;
        this.clock = clock;
    }

    public Uni<Handled> pause(SqlClient tx, PauseEntries c) {
        return pauses.pause(tx, c.account(), c.symbol(), c.reason(), c.commandId(), clock.now()).map(pause -> {
            boolean already = !pause.commandId().equals(c.commandId());
            if (!already) {
                Log.warnf("Entries of account %s on %s paused by command %s", c.account(), pause.scope(), c.commandId());
            }
            return Handled.answer(results.of(c, Outcome.ENTRIES_PAUSED, PauseAnswers.paused(pause, already), null));
        });
    }

    public Uni<Handled> resume(SqlClient tx, ResumeEntries c) {
        return pauses.resume(tx, c.account(), c.symbol()).flatMap(lifted -> {
            Uni<Optional<Pause>> holding = c.symbol() == null ? Uni.createFrom().item(Optional.empty())
                    : pauses.holding(tx, c.account(), c.symbol());
            return holding.map(still -> {
                if (!lifted.isEmpty()) {
                    Log.warnf("Entries of account %s on %s resumed by command %s", c.account(),
                            c.symbol() == null ? "every symbol" : c.symbol(), c.commandId());
                }
                return Handled.answer(results.of(c, Outcome.ENTRIES_RESUMED, PauseAnswers.resumed(c.symbol(), lifted, still), null));
            });
        });
    }
}
