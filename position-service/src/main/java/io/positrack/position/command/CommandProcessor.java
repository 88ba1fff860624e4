package io.positrack.position.command;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.positrack.contracts.Topics;
import io.positrack.contracts.position.CommandResult;
import io.positrack.contracts.position.PositionCommand;
import io.positrack.position.outbox.OutboxMessage;
import io.positrack.position.outbox.OutboxWriter;
import io.positrack.position.venue.VenueDispatcher;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * Applies one command in one transaction: claim its id in the inbox, decide, write the transition
 * (if any) and the one result to the outbox, commit; then tell the venue. A redelivered command finds
 * its id claimed and does nothing: its result was written the first time.
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
    private final MeterRegistry registry;
    private final Timer latency;
    private final Counter redeliveries;

    public CommandProcessor(Pool pool, Inbox inbox, OutboxWriter outbox, VenueDispatcher venues, OpenPositionHandler open,
            ClosePositionHandler close, UpdateStopsHandler updateStops, ExpirePendingHandler expire, QueryHandler queries,
            MeterRegistry registry) {
        this.pool = pool;
        this.inbox = inbox;
        this.outbox = outbox;
        this.venues = venues;
        this.open = open;
        this.close = close;
        this.updateStops = updateStops;
        this.expire = expire;
        this.queries = queries;
        this.registry = registry;
        this.latency = Timer.builder("positrack.commands.latency")
                .description("Time to apply one command: transaction with inbox, transition and outbox")
                .publishPercentiles(0.5, 0.95, 0.99)
                .register(registry);
        this.redeliveries = Counter.builder("positrack.commands.redelivered")
                .description("Commands whose id was already in the inbox: no second effect")
                .register(registry);
    }

    /** The result this delivery produced, or {@code null} when the command had already been applied. */
    public Uni<CommandResult> process(PositionCommand command) {
        long start = System.nanoTime();
        return pool.withTransaction(tx -> inbox.claim(tx, INBOX_SOURCE, command.commandId()).flatMap(first -> first
                ? dispatch(tx, command).call(handled -> outbox.enqueue(tx, resultMessage(command, handled.result())))
                : Uni.createFrom().<Handled>nullItem()))
                .call(handled -> handled == null ? Uni.createFrom().voidItem() : venues.dispatch(handled.afterCommit()))
                .map(handled -> {
                    latency.record(Duration.ofNanos(System.nanoTime() - start));
                    if (handled == null) {
                        redeliveries.increment();
                        return null;
                    }
                    registry.counter("positrack.commands", "type", command.typeName(), "outcome",
                            handled.result().outcome().name()).increment();
                    return handled.result();
                });
    }

    private Uni<Handled> dispatch(SqlClient tx, PositionCommand command) {
        if (command instanceof PositionCommand.OpenPosition c) {
            return open.handle(tx, c);
        } else if (command instanceof PositionCommand.ClosePosition c) {
            return close.handle(tx, c);
        } else if (command instanceof PositionCommand.UpdateStops c) {
            return updateStops.handle(tx, c);
        } else if (command instanceof PositionCommand.ExpirePending c) {
            return expire.handle(tx, c);
        } else if (command instanceof PositionCommand.QueryStatus c) {
            return queries.status(tx, c);
        } else if (command instanceof PositionCommand.ListOpen c) {
            return queries.listOpen(tx, c);
        }
        return queries.history(tx, (PositionCommand.History) command);
    }

    static OutboxMessage resultMessage(PositionCommand command, CommandResult result) {
        return OutboxMessage.of(Topics.COMMAND_RESULTS, Results.key(command), "result-" + command.commandId(),
                "io.positrack.command.Result", command.commandId(), result);
    }
}
