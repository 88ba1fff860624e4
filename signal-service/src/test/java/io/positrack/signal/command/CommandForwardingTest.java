package io.positrack.signal.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.positrack.contracts.bot.BotCommand;
import io.positrack.contracts.bot.BotVerb;
import io.positrack.contracts.position.PositionCommand;
import io.positrack.contracts.position.Side;
import io.positrack.infra.quarkus.PositrackTestInfrastructure;
import io.positrack.signal.strategy.Signal;
import io.positrack.signal.testing.PositionStory;
import io.positrack.signal.testing.ServiceApi;
import io.positrack.signal.testing.SignalTestClient;
import io.positrack.signal.testing.TickScript;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Bot commands become position commands: same id, same per-symbol order, the current signal in
 * {@code /getsignal}. position-service is not running here; what signal-service sends is read from
 * {@code position-commands} by a plain consumer.
 */
@QuarkusTest
@WithTestResource(value = PositrackTestInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "signal"))
class CommandForwardingTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final SignalTestClient kafka = SignalTestClient.get();
    private final ServiceApi api = ServiceApi.inProcess();

    @Test
    void aSymbolsCommandsLeaveInTheOrderTheyArrivedUnderTheirOwnIds() {
        String account = SignalTestClient.uniqueAccount("order");
        List<BotCommand> sent = new ArrayList<>();
        BotVerb[] cycle = { BotVerb.GET_SIGNAL, BotVerb.STATUS, BotVerb.CLOSE, BotVerb.STATUS, BotVerb.HISTORY };
        for (int i = 0; i < 60; i++) {
            BotCommand c = SignalTestClient.bot(cycle[i % cycle.length], account, "ORDUSD");
            kafka.sendAsync(c);
            sent.add(c);
        }
        kafka.flush();

        await().atMost(PATIENCE).until(() -> kafka.positionCommandsOf(account).size() >= sent.size());
        List<PositionCommand> forwarded = kafka.positionCommandsOf(account);
        assertThat(forwarded).extracting(PositionCommand::commandId).containsExactlyElementsOf(sent.stream().map(BotCommand::commandId).toList());
        assertThat(forwarded).extracting(PositionCommand::typeName).startsWith("QueryStatus", "QueryStatus", "ClosePosition", "QueryStatus", "History");
        assertThat(forwarded).extracting(PositionCommand::symbol).containsOnly("ORDUSD");
    }

    @Test
    void getSignalWithoutASignalBecomesAStatusQueryMarkedGetsignal() {
        String account = SignalTestClient.uniqueAccount("nosignal");
        BotCommand c = SignalTestClient.bot(BotVerb.GET_SIGNAL, account, "FWDUSD");
        kafka.send(c);

        PositionCommand forwarded = forwarded(c);
        assertThat(forwarded).isEqualTo(new PositionCommand.QueryStatus(c.commandId(), account, "paper", "FWDUSD", c.chatId(),
                c.issuedAt(), "getsignal"));
        assertThat(kafka.positionCommandRecord(c.commandId()).orElseThrow().key()).isEqualTo("FWDUSD");
    }

    @Test
    void getSignalWithACurrentSignalOpensItWithTheSymbolsQuantity() {
        TickScript market = new TickScript("SIGUSD", kafka::tick);
        Signal signal = market.firstSignal();
        await().atMost(PATIENCE).until(() -> api.latestSignalId("SIGUSD").equals(Optional.of(signal.signalId())));

        String account = SignalTestClient.uniqueAccount("signal");
        BotCommand c = SignalTestClient.bot(BotVerb.GET_SIGNAL, account, "SIGUSD");
        kafka.send(c);

        // SIGUSD's quantity is configured as 0.25 (application.properties, %test).
        assertThat(forwarded(c)).isEqualTo(new PositionCommand.OpenPosition(c.commandId(), account, "paper", "SIGUSD", Side.BUY,
                new BigDecimal("0.25"), signal.entry(), signal.stopLoss(), signal.takeProfit(), signal.signalId(), c.chatId(),
                c.issuedAt()));
    }

    @Test
    void positionsWithoutSymbolIsKeyedByAccount() {
        String account = SignalTestClient.uniqueAccount("positions");
        BotCommand c = SignalTestClient.bot(BotVerb.POSITIONS, account, null);
        kafka.send(c);

        assertThat(forwarded(c)).isEqualTo(new PositionCommand.ListOpen(c.commandId(), account, c.chatId(), c.issuedAt()));
        assertThat(kafka.positionCommandRecord(c.commandId()).orElseThrow().key()).isEqualTo(account);
    }

    @Test
    void closeByPositionIdAloneTakesTheSymbolOfItsSession() {
        String account = SignalTestClient.uniqueAccount("closeid");
        long positionId = PositionStory.newPositionId();
        kafka.event(PositionStory.of(positionId, account, "FWDUSD", Side.SELL, "sig-close-" + positionId).opened());
        await().atMost(PATIENCE).until(() -> api.session(positionId).isPresent());

        BotCommand close = new BotCommand("tg-close-" + positionId, BotVerb.CLOSE, account, null, positionId, null, 5L, 6L, Instant.now());
        kafka.send(close);

        assertThat(forwarded(close)).isEqualTo(new PositionCommand.ClosePosition(close.commandId(), account, "paper", "FWDUSD",
                positionId, null, 5L, close.issuedAt()));
    }

    @Test
    void closeByPositionIdAloneFindsThePositionOfAnyOriginNotOnlyASignals() {
        String account = SignalTestClient.uniqueAccount("closeid-manual");
        long manual = PositionStory.newPositionId();
        long signalled = PositionStory.newPositionId();
        kafka.event(PositionStory.of(manual, account, "FWDMUSD", Side.BUY, null).opened());
        // Same symbol, same partition, later: once its session exists, the manual position's event was applied too.
        kafka.event(PositionStory.of(signalled, account, "FWDMUSD", Side.BUY, "sig-closeid-" + signalled).opened());
        await().atMost(PATIENCE).until(() -> api.session(signalled).isPresent());

        BotCommand close = new BotCommand("tg-close-" + manual, BotVerb.CLOSE, account, null, manual, null, 5L, 6L, Instant.now());
        kafka.send(close);

        assertThat(forwarded(close)).isEqualTo(new PositionCommand.ClosePosition(close.commandId(), account, "paper", "FWDMUSD",
                manual, null, 5L, close.issuedAt()));
    }

    private PositionCommand forwarded(BotCommand c) {
        await().atMost(PATIENCE).until(() -> kafka.positionCommandRecord(c.commandId()).isPresent());
        return SignalTestClient.read(kafka.positionCommandRecord(c.commandId()).get().value(), PositionCommand.class);
    }
}
