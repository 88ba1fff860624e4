package io.positrack.position.command;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.positrack.contracts.Topics;
import io.positrack.contracts.position.CommandResult;
import io.positrack.contracts.position.Outcome;
import io.positrack.contracts.position.PositionCommand;
import io.positrack.position.outbox.OutboxMessage;
import io.positrack.position.outbox.OutboxWriter;
import io.positrack.position.venue.VenueDispatcher;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * Applies one command in one transaction: claim its id in the inbox, decide, write the transition
 * (if any) and the one result to the outbox, commit; then tell the venue. A redelivered command finds
 * its id claimed and does nothing: its result was written the first time. Command ids are the
 * sender's, so the claim is per account; an id the account already used for other content is refused
 * with {@link Outcome#REJECTED_CONFLICT} and changes nothing.
 */
@ApplicationScoped
public class CommandProcessor {

    static final String INBOX_SOURCE = Topics.POSITION_COMMANDS;

    private final Pool pool;
    private final Inbox inbox;
    private final OutboxWriter outbox;
    private final VenueDispatcher venues;
    private final OpenPositionHandler open;
    private final ClosePositionHandler close;
    private final UpdateStopsHandler updateStops;
    private final ExpirePendingHandler expire;
    private final QueryHandler queries;
    private final ExchangeRulesCheck rules;
    private final PauseHandler pauses;
    private final PnlReportHandler pnl;
    private final Results results;
    private final MeterRegistry registry;
    private final Timer latency;
    private final Counter redeliveries;
    private final Counter conflicts;

    public CommandProcessor(Pool pool, Inbox inbox, OutboxWriter outbox, VenueDispatcher venues, OpenPositionHandler open,
            ClosePositionHandler close, UpdateStopsHandler updateStops, ExpirePendingHandler expire, QueryHandler queries,
            Results results, MeterRegistry registry, ExchangeRulesCheck rules, PauseHandler pauses,
            PnlReportHandler pnl) {
        this.rules = rules;
        this.pauses = pauses;
        this.pnl = pnl;
        this.pool = pool;
        this.inbox = inbox;
        this.outbox = outbox;
        this.venues = venues;
        this.open = open;
        this.close = close;
        this.updateStops = updateStops;
        this.expire = expire;
        this.queries = queries;
        this.results = results;
        this.registry = registry;
        this.latency = Timer.builder("positrack.commands.latency")
                .description("Time to apply one command: transaction with inbox, transition and outbox")
                .publishPercentiles(0.5, 0.95, 0.99)
                .register(registry);
        this.redeliveries = Counter.builder("positrack.commands.redelivered")
                .description("Commands whose id was already in the inbox: no second effect")
                .register(registry);
        this.conflicts = Counter.builder("positrack.commands.conflicts")
                .description("Commands whose id the account had already used for other content: refused, nothing changed")
                .register(registry);
    }

    /** The result this delivery produced (a refused conflict included), or {@code null} when the command had already been applied. */
    public Uni<CommandResult> process(PositionCommand command) {
        long start = System.nanoTime();
        String contentHash = CommandContentHash.of(command);
        return decider(command).flatMap(decide -> pool.withTransaction(tx -> inbox.claim(tx, INBOX_SOURCE, command.account(),
                command.commandId(), contentHash)
                .flatMap(claim -> switch (claim) {
                    case FIRST -> decide.apply(tx).call(handled -> outbox.enqueue(tx, resultMessage(command, handled.result())));
                    case CONFLICT -> refuseConflict(tx, command, contentHash);
                    case REPEAT -> Uni.createFrom().<Handled>nullItem();
                })))
                .call(handled -> handled == null ? Uni.createFrom().voidItem() : venues.dispatch(handled.afterCommit()))
                .map(handled -> {
                    latency.record(Duration.ofNanos(System.nanoTime() - start));
                    if (handled == null) {
                        redeliveries.increment();
                        return null;
                    }
                    if (handled.result().outcome() == Outcome.REJECTED_CONFLICT) {
                        conflicts.increment();
                    }
                    registry.counter("positrack.commands", "type", command.typeName(), "outcome",
                            handled.result().outcome().name()).increment();
                    return handled.result();
                });
    }

    /**
     * How the command is decided inside its transaction. An entry and a stops update first meet the venue's rules for
     * the symbol, asked before the transaction (a venue may have to fetch them): what is stored and sent is rounded to
     * them, and an entry they refuse is answered {@link Outcome#REJECTED_EXCHANGE_RULES} and changes nothing else.
     */
    private Uni<java.util.function.Function<SqlClient, Uni<Handled>>> decider(PositionCommand command) {
        if (command instanceof PositionCommand.OpenPosition c) {
            return rules.entry(c).map(decision -> decision instanceof io.positrack.position.venue.rules.EntryDecision.Rounded r
                    ? tx -> open.handle(tx, ExchangeRulesCheck.rounded(c, r))
                    : tx -> refusedByRules(command, (io.positrack.position.venue.rules.EntryDecision.Refused) decision));
        }
        if (command instanceof PositionCommand.UpdateStops c) {
            return rules.rules(c.venue(), c.symbol()).map(lookup -> lookup instanceof ExchangeRulesCheck.Found f
                    ? tx -> updateStops.handle(tx, c, f.rules())
                    : tx -> refusedByRules(command, ((ExchangeRulesCheck.NotFound) lookup).refused()));
        }
        return Uni.createFrom().item(tx -> dispatch(tx, command));
    }

    private Uni<Handled> refusedByRules(PositionCommand command, io.positrack.position.venue.rules.EntryDecision.Refused refused) {
        String what = command instanceof PositionCommand.OpenPosition ? "nothing was opened" : "the stops are unchanged";
        return Uni.createFrom().item(Handled.answer(results.of(command, Outcome.REJECTED_EXCHANGE_RULES,
                "Refused by the rules of %s (%s): %s; %s".formatted(command.venue(), refused.why(), refused.message(), what), null)));
    }

    private Uni<Handled> dispatch(SqlClient tx, PositionCommand command) {
        if (command instanceof PositionCommand.OpenPosition c) {
            return open.handle(tx, c);
        } else if (command instanceof PositionCommand.ClosePosition c) {
            return close.handle(tx, c);
        } else if (command instanceof PositionCommand.ExpirePending c) {
            return expire.handle(tx, c);
        } else if (command instanceof PositionCommand.QueryStatus c) {
            return queries.status(tx, c);
        } else if (command instanceof PositionCommand.ListOpen c) {
            return queries.listOpen(tx, c);
        } else if (command instanceof PositionCommand.PauseEntries c) {
            return pauses.pause(tx, c);
        } else if (command instanceof PositionCommand.ResumeEntries c) {
            return pauses.resume(tx, c);
        } else if (command instanceof PositionCommand.PnlReport c) {
            return pnl.report(tx, c);
        }
        return queries.history(tx, (PositionCommand.History) command);
    }

    /**
     * Answered every time it is delivered (there is no inbox row of its own), under a CloudEvents id of its
     * own: a consumer deduplicating on the id must not mistake it for the first command's result.
     */
    private Uni<Handled> refuseConflict(SqlClient tx, PositionCommand command, String contentHash) {
        Log.warnf("Command %s of account %s reuses an id already used for a different command: refused", command.commandId(),
                command.account());
        // Never the first command's content: only its sender should see that.
        CommandResult refused = results.of(command, Outcome.REJECTED_CONFLICT, "command id " + command.commandId()
                + " was already used for a different command; this one was not applied. Send it with a new id.", null);
        OutboxMessage message = outboxMessage(command, "result-" + command.commandId() + "-conflict-" + contentHash.substring(0, 12),
                refused);
        return outbox.enqueue(tx, message).replaceWith(Handled.answer(refused));
    }

    static OutboxMessage resultMessage(PositionCommand command, CommandResult result) {
        return outboxMessage(command, "result-" + command.commandId(), result);
    }

    /** The account is part of the CloudEvents id: two accounts may use the same command id. */
    private static OutboxMessage outboxMessage(PositionCommand command, String ceIdWithinAccount, CommandResult result) {
        return OutboxMessage.of(Topics.COMMAND_RESULTS, Results.key(command), ceIdWithinAccount + "|" + command.account(),
                "io.positrack.command.Result", command.commandId(), result);
    }
}
