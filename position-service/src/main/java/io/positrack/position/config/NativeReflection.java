package io.positrack.position.config;

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
 * Native image: the Kafka messages are read and written with a plain ObjectMapper (and Kafka's
 * ObjectMapperSerializer), which Quarkus cannot see at build time the way it sees REST signatures. The
 * contracts jar is a plain library without Quarkus annotations, so the records (constructors, accessors) and
 * enums Jackson reaches by reflection are registered here. PositionCommand's subtypes are listed one by one:
 * Jackson resolves them from @JsonSubTypes at run time.
 */
@RegisterForReflection(targets = {
        BotCommand.class, BotVerb.class, MarketTick.class, CommandResult.class, Origin.class, Outcome.class,
        PositionCommand.class, PositionCommand.OpenPosition.class, PositionCommand.ClosePosition.class,
        PositionCommand.UpdateStops.class, PositionCommand.ExpirePending.class, PositionCommand.QueryStatus.class,
        PositionCommand.ListOpen.class, PositionCommand.History.class, PositionEvent.class, PositionEventType.class,
        PositionSnapshot.class, PositionStatus.class, Side.class, SignalSession.class, ClientOrderId.class,
        OrderRole.class, OrderStatus.class, OrderUpdate.class, VenuePositionReport.class })
final class NativeReflection {

    private NativeReflection() {
    }
}
