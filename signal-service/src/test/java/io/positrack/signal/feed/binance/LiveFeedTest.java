package io.positrack.signal.feed.binance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.positrack.contracts.Topics;
import io.positrack.contracts.alert.Alert;
import io.positrack.contracts.bot.BotCommand;
import io.positrack.contracts.bot.BotVerb;
import io.positrack.contracts.market.MarketTick;
import io.positrack.contracts.position.CommandResult;
import io.positrack.contracts.position.Outcome;
import io.positrack.contracts.position.PositionCommand;
import io.positrack.infra.TopicRecorder;
import io.positrack.infra.binance.MarketStreams;
import io.positrack.infra.quarkus.PositrackTestInfrastructure;
import io.positrack.signal.strategy.Signal;
import io.positrack.signal.testing.ServiceApi;
import io.positrack.signal.testing.SignalTestClient;
import io.positrack.signal.testing.TickScript;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The Binance market feed against the stand-in's combined streams, through the real broker and database: ticks reach
 * {@code market-ticks} and make bars and signals; a dropped connection is followed by a reconnect; a silent stream makes
 * its symbol stale (entries refused with the reason, one alert) until ticks return; duplicated and reordered frames do
 * not move time backwards; a signal whose target the market already passed is refused with the price.
 */
@QuarkusTest
@TestProfile(LiveFeedProfile.class)
@WithTestResource(value = PositrackTestInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "signal"))
class LiveFeedTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static TopicRecorder alerts;

    private final SignalTestClient kafka = SignalTestClient.get();
    private final ServiceApi api = ServiceApi.inProcess();
    private final MarketStreams market = LiveFeedProfile.standIn().marketStreams();

    private static synchronized TopicRecorder alerts() {
        if (alerts == null) {
            alerts = TopicRecorder.startOutput(PositrackTestInfrastructure.infrastructure().kafka().bootstrapServers(), Topics.ALERTS);
        }
        return alerts;
    }

    @AfterEach
    void noFaultsLeftOn() {
        market.duplicate(false);
        market.reorder(false);
        LiveFeedProfile.SYMBOLS.forEach(s -> market.silence(s, false));
    }

    /** The stand-in as the feed's source: a TickScript whose ticks go out as bookTicker frames at the script's times. */
    private TickScript scriptOn(String symbol) {
        return new TickScript(symbol, tick -> market.bookTicker(symbol, tick.bid().toPlainString(), tick.ask().toPlainString(),
                tick.venueTime().toEpochMilli()));
    }

    private List<MarketTick> ticksOf(String symbol) {
        return kafka.ticks.matching(r -> symbol.equals(r.key())).stream()
                .map(r -> SignalTestClient.read(r.value(), MarketTick.class)).toList();
    }

    private void awaitConnected() {
        await().atMost(PATIENCE).until(() -> market.openConnections() >= 1);
    }

    @Test
    void ticksFromTheStandInsStreamsReachMarketTicksAndProduceBarsAndSignals() {
        awaitConnected();
        TickScript script = scriptOn("BARSUSDT");

        Signal expected = script.firstSignal();

        await().atMost(PATIENCE).until(() -> ticksOf("BARSUSDT").size() >= 18);
        MarketTick first = ticksOf("BARSUSDT").get(0);
        assertThat(first.bid()).isEqualByComparingTo("100");
        assertThat(first.ask()).isEqualByComparingTo("100.02");
        assertThat(first.last()).isEqualByComparingTo("100.01");
        await().atMost(PATIENCE).until(() -> api.latestSignalId("BARSUSDT").isPresent());
        api.request().get("/signals/BARSUSDT").then().statusCode(200)
                .body("side", org.hamcrest.Matchers.equalTo(expected.side().name()));
    }

    @Test
    void aDroppedConnectionIsFollowedByAReconnectAndTheTicksContinue() {
        awaitConnected();
        int accepted = market.connectionsAccepted();
        market.bookTicker("RECOUSDT", "50.00", "50.02");
        await().atMost(PATIENCE).until(() -> ticksOf("RECOUSDT").size() == 1);

        market.dropConnections();

        await().atMost(PATIENCE).until(() -> market.connectionsAccepted() > accepted && market.openConnections() >= 1);
        // A malformed frame on the new connection is dropped and does not stop the feed.
        market.raw("recousdt@bookTicker", "{\"stream\":\"recousdt@bookTicker\",\"data\":{\"e\":\"bookTicker\",\"s\":\"RECOUSDT\"}}");
        market.bookTicker("RECOUSDT", "50.10", "50.12");
        await().atMost(PATIENCE).until(() -> ticksOf("RECOUSDT").size() == 2);
        assertThat(ticksOf("RECOUSDT").get(1).bid()).isEqualByComparingTo("50.10");
    }

    @Test
    void duplicatedAndReorderedFramesDoNotMoveTimeBackwards() {
        awaitConnected();
        long t = System.currentTimeMillis();
        market.duplicate(true);
        market.reorder(true);
        for (int i = 1; i <= 6; i++) {
            market.bookTicker("ORDERUSDT", "10." + i, "10." + i + "1", t + i);
        }
        market.reorder(false);
        market.duplicate(false);
        market.bookTicker("ORDERUSDT", "10.9", "10.91", t + 9);

        await().atMost(PATIENCE).until(() -> ticksOf("ORDERUSDT").stream().anyMatch(k -> k.bid().compareTo(new BigDecimal("10.9")) == 0));
        List<Instant> times = ticksOf("ORDERUSDT").stream().map(MarketTick::venueTime).toList();
        for (int i = 1; i < times.size(); i++) {
            assertThat(times.get(i)).as("tick %d of %s", i, times).isAfter(times.get(i - 1));
        }
    }

    @Test
    void aSilentStreamMakesTheSymbolStaleRefusesAnEntryWithTheReasonAndAlertsOnceThenClearsWhenTicksReturn() throws Exception {
        awaitConnected();
        String symbol = "STALEUSDT";
        TickScript script = scriptOn(symbol);
        Signal signal = script.firstSignal();
        await().atMost(PATIENCE).until(() -> api.latestSignalId(symbol).equals(Optional.of(signal.signalId())));
        String account = SignalTestClient.uniqueAccount("stale");

        try (Heartbeat heartbeat = new Heartbeat(symbol, script.lastPrice())) {
            // Fresh ticks: the entry goes to position-service.
            awaitForwarded(account, symbol);
            // The symbol was stale before the fresh ticks (its scripted ticks are an hour old): only alerts raised after the
            // silence began count.
            Instant silencedAt = Instant.now();

            // The stream goes silent: after the max age the symbol is stale, with one alert.
            market.silence(symbol, true);
            await().atMost(PATIENCE).until(() -> alertsSince(symbol, silencedAt).size() == 1);
            BotCommand refused = SignalTestClient.bot(BotVerb.GET_SIGNAL, account, symbol);
            kafka.send(refused);
            await().atMost(PATIENCE).until(() -> !kafka.resultsFor(refused.commandId()).isEmpty()
                    || kafka.positionCommandRecord(refused.commandId()).isPresent());
            assertThat(kafka.positionCommandRecord(refused.commandId()).map(ConsumerRecord::value)).isEmpty();
            CommandResult answer = kafka.resultsFor(refused.commandId()).get(0);
            assertThat(answer.outcome()).isEqualTo(Outcome.REJECTED_MARKET_DATA);
            assertThat(answer.message()).startsWith("no fresh market data for " + symbol + " since ");
            assertThat(kafka.positionCommandsOf(account)).extracting(PositionCommand::commandId).doesNotContain(refused.commandId());
            // Exits are not blocked by staleness.
            BotCommand close = SignalTestClient.bot(BotVerb.CLOSE, account, symbol);
            kafka.send(close);
            await().atMost(PATIENCE).until(() -> kafka.positionCommandsOf(account).stream().anyMatch(c -> c.commandId().equals(close.commandId())));
            Alert alert = alertsSince(symbol, silencedAt).get(0);
            assertThat(alert.type()).isEqualTo("MARKET_DATA_STALE");
            assertThat(alert.account()).isEqualTo("feed-ops");
            assertThat(alert.message()).startsWith("no fresh market data for " + symbol + " since ");
            io.restassured.RestAssured.given().get(api.management("/q/health/ready")).then()
                    .body(org.hamcrest.Matchers.containsString(symbol + " since"));

            // Ticks return: the entry passes again, and the stale period raised one alert only.
            market.silence(symbol, false);
            awaitForwarded(account, symbol);
            assertThat(alertsSince(symbol, silencedAt)).hasSize(1);
        }
    }

    @Test
    void aSignalWhoseTakeProfitTheMarketHasPassedIsRefusedWithTheCurrentPrice() throws Exception {
        awaitConnected();
        String symbol = "PASTUSDT";
        TickScript script = scriptOn(symbol);
        Signal signal = script.firstSignal();
        await().atMost(PATIENCE).until(() -> api.latestSignalId(symbol).equals(Optional.of(signal.signalId())));
        BigDecimal beyond = signal.takeProfit().add(BigDecimal.ONE);
        String account = SignalTestClient.uniqueAccount("past");

        try (Heartbeat heartbeat = new Heartbeat(symbol, beyond)) {
            await().atMost(PATIENCE).until(() -> ticksOf(symbol).stream().anyMatch(k -> k.bid().compareTo(beyond) == 0));
            await().atMost(PATIENCE).untilAsserted(() -> {
                BotCommand c = SignalTestClient.bot(BotVerb.GET_SIGNAL, account, symbol);
                kafka.send(c);
                await().atMost(PATIENCE).until(() -> !kafka.resultsFor(c.commandId()).isEmpty());
                CommandResult answer = kafka.resultsFor(c.commandId()).get(0);
                assertThat(answer.outcome()).isEqualTo(Outcome.REJECTED_MARKET_DATA);
                assertThat(answer.message()).contains("take profit").contains("bid is " + beyond.toPlainString());
            });
        }
        assertThat(kafka.positionCommandsOf(account)).isEmpty();
    }

    /** Sends /getsignal until one is forwarded as an OpenPosition (the consumer of ticks may be a moment behind the test). */
    private void awaitForwarded(String account, String symbol) {
        await().atMost(PATIENCE).untilAsserted(() -> {
            BotCommand c = SignalTestClient.bot(BotVerb.GET_SIGNAL, account, symbol);
            kafka.send(c);
            await().atMost(PATIENCE).until(() -> kafka.positionCommandsOf(account).stream().anyMatch(p -> p.commandId().equals(c.commandId()))
                    || !kafka.resultsFor(c.commandId()).isEmpty());
            assertThat(kafka.positionCommandsOf(account).stream().filter(p -> p.commandId().equals(c.commandId())))
                    .singleElement().isInstanceOf(PositionCommand.OpenPosition.class);
        });
    }

    /** Fresh quotes of one symbol at one price every 200 ms, at the wall clock, until closed. */
    private final class Heartbeat implements AutoCloseable {
        private final java.util.concurrent.ScheduledExecutorService timer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();

        Heartbeat(String symbol, BigDecimal bid) {
            String ask = bid.add(TickScript.SPREAD).toPlainString();
            timer.scheduleAtFixedRate(() -> market.bookTicker(symbol, bid.toPlainString(), ask), 0, 200,
                    java.util.concurrent.TimeUnit.MILLISECONDS);
        }

        @Override
        public void close() {
            timer.shutdownNow();
        }
    }

    private List<Alert> alertsSince(String symbol, Instant since) {
        return alertsOf(symbol).stream().map(r -> SignalTestClient.read(r.value(), Alert.class))
                .filter(a -> a.raisedAt().isAfter(since)).toList();
    }

    private List<ConsumerRecord<String, String>> alertsOf(String symbol) {
        return alerts().matching(r -> symbol.equals(r.key()) && r.value().contains("MARKET_DATA_STALE"));
    }
}
