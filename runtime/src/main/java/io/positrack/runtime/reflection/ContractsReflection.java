package io.positrack.runtime.reflection;

import io.positrack.contracts.alert.Alert;
import io.positrack.contracts.bot.BotCommand;
import io.positrack.contracts.bot.BotVerb;
import io.positrack.contracts.market.MarketTick;
import io.positrack.contracts.position.CommandResult;
import io.positrack.contracts.position.Origin;
import io.positrack.contracts.position.Outcome;
import io.positrack.contracts.position.PositionCommand;
import io.positrack.contracts.position.PositionEvent;
import io.positrack.contracts.position.PositionEventType;
import io.positrack.contracts.position.PositionSnapshot;
import io.positrack.contracts.position.PositionStatus;
import io.positrack.contracts.position.Side;
import io.positrack.contracts.signal.SignalSession;
import io.positrack.contracts.venue.ClientOrderId;
import io.positrack.contracts.venue.OrderRole;
import io.positrack.contracts.venue.OrderStatus;
import io.positrack.contracts.venue.OrderUpdate;
import io.positrack.contracts.venue.VenuePositionReport;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Native image, for every service at once: the Kafka messages are read and written with plain ObjectMappers,
 * which Quarkus cannot see at build time the way it sees REST signatures, and the contracts jar is a plain
 * library without Quarkus annotations. So the records (constructors, accessors) and enums Jackson reaches by
 * reflection are registered here. PositionCommand's subtypes are listed one by one: Jackson resolves them
 * from {@code @JsonSubTypes} at run time.
 */
@RegisterForReflection(targets = {
        Alert.class, BotCommand.class, BotVerb.class, MarketTick.class, CommandResult.class, Origin.class, Outcome.class,
        PositionCommand.class, PositionCommand.OpenPosition.class, PositionCommand.ClosePosition.class,
        PositionCommand.UpdateStops.class, PositionCommand.ExpirePending.class, PositionCommand.QueryStatus.class,
        PositionCommand.ListOpen.class, PositionCommand.History.class, PositionCommand.PauseEntries.class,
        PositionCommand.ResumeEntries.class, PositionCommand.PnlReport.class, io.positrack.contracts.position.PnlSummary.class,
        io.positrack.contracts.position.PnlSummary.Line.class, PositionEvent.class, PositionEventType.class,
        PositionSnapshot.class, PositionStatus.class, Side.class, SignalSession.class, ClientOrderId.class,
        OrderRole.class, OrderStatus.class, OrderUpdate.class, VenuePositionReport.class })
final class ContractsReflection {

    private ContractsReflection() {
    }
}
