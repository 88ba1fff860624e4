package io.positrack.signal.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.positrack.contracts.Topics;
import io.positrack.contracts.market.MarketTick;
import io.positrack.contracts.signal.SignalIssued;
import io.positrack.infra.quarkus.PositrackTestInfrastructure;
import io.positrack.signal.strategy.Signal;
import io.positrack.signal.testing.ServiceApi;
import io.positrack.signal.testing.SignalTestClient;
import io.positrack.signal.testing.TickScript;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Ticks on {@code market-ticks} become bars and signals; bad ticks are dead-lettered. */
@QuarkusTest
@WithTestResource(value = PositrackTestInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "signal"))
class MarketTickTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final SignalTestClient kafka = SignalTestClient.get();
    private final ServiceApi api = ServiceApi.inProcess();

    @Test
    void aCraftedSeriesProducesItsSignalOnceEvenWhenReplayed() throws Exception {
        PlayedSeries series = playSeries("TICKUSD");
        Signal expected = series.expected();

        await().atMost(PATIENCE).until(() -> api.latestSignalId("TICKUSD").equals(Optional.of(expected.signalId())));
        api.request().get("/signals/TICKUSD").then().statusCode(200)
                .body("side", equalTo("BUY"))
                .body("entry", equalTo(expected.entry().toPlainString()))
                .body("stopLoss", equalTo(expected.stopLoss().toPlainString()))
                .body("takeProfit", equalTo(expected.takeProfit().toPlainString()))
                .body("strategy", equalTo("ema-rsi-atr"))
                .body("current", equalTo(true));
        api.request().get("/signals").then().statusCode(200).body("find { it.symbol == 'TICKUSD' }.signalId", equalTo(expected.signalId()));

        // The same ticks again (a producer that retried the whole series): late for the bars, no second signal.
        replayAndAwaitTheNextBar(series);
        assertThat(count("SELECT count(*) FROM signals WHERE symbol = 'TICKUSD'")).isEqualTo(1);
        api.request().get(api.management("/q/metrics")).then()
                .body(containsString("positrack_signal_signals_generated_total{side=\"BUY\",symbol=\"TICKUSD\"} 1.0"))
                .body(containsString("positrack_signal_ticks_total{outcome=\"late\"}"));
    }

    @Test
    void aNewSignalIsAnnouncedOnceOnTheSignalsTopicKeyedBySymbolAsACloudEvent() throws Exception {
        PlayedSeries series = playSeries("ANNOUNCEUSD");
        Signal expected = series.expected();

        await().atMost(PATIENCE).until(() -> kafka.announcementsOf("ANNOUNCEUSD").size() == 1);
        var record = kafka.announcementsOf("ANNOUNCEUSD").get(0);
        SignalIssued issued = SignalTestClient.read(record.value(), SignalIssued.class);
        assertThat(issued.signalId()).isEqualTo(expected.signalId());
        assertThat(issued.side()).isEqualTo(expected.side());
        assertThat(issued.entry()).isEqualByComparingTo(expected.entry());
        assertThat(issued.stopLoss()).isEqualByComparingTo(expected.stopLoss());
        assertThat(issued.takeProfit()).isEqualByComparingTo(expected.takeProfit());
        assertThat(issued.validUntil()).isEqualTo(expected.validUntil());
        assertThat(SignalTestClient.header(record, "ce_id")).isEqualTo(expected.signalId());
        assertThat(SignalTestClient.header(record, "ce_type")).isEqualTo("io.positrack.signal.Issued");
        assertThat(SignalTestClient.header(record, "ce_subject")).isEqualTo("ANNOUNCEUSD");

        // The series replayed and more bars: the stored signal is not new, so it is not announced again.
        replayAndAwaitTheNextBar(series);
        assertThat(kafka.announcementsOf("ANNOUNCEUSD")).hasSize(1);
    }

    /** The crafted V of {@link TickScript}, published on {@code market-ticks}, and the signal it must make. */
    private record PlayedSeries(String symbol, TickScript market, List<MarketTick> published, Signal expected) {
    }

    private PlayedSeries playSeries(String symbol) throws Exception {
        List<MarketTick> published = new ArrayList<>();
        TickScript market = new TickScript(symbol, tick -> {
            published.add(tick);
            kafka.tick(tick);
        });
        return new PlayedSeries(symbol, market, published, market.firstSignal());
    }

    /**
     * Sends the whole series again, then two ticks at 100, and waits for the bar of the first 100: the series' bars, the
     * bar of its closing tick and that one; the replayed copies, late for their bars, add none.
     */
    private void replayAndAwaitTheNextBar(PlayedSeries series) throws Exception {
        int seriesTicks = series.published().size();
        List.copyOf(series.published()).forEach(kafka::tick);
        series.market().tick("100");
        series.market().tick("100");
        await().atMost(PATIENCE).until(() -> count("SELECT count(*) FROM bars WHERE symbol = '" + series.symbol() + "'") == seriesTicks + 1);
    }

    @Test
    void badTicksAreDeadLetteredWithTheReasonAndTheConsumerGoesOn() throws Exception {
        String m = UUID.randomUUID().toString();
        kafka.sendRaw(Topics.MARKET_TICKS, "BADUSD", "{\"symbol\": \"BADUSD\", \"bid\": \"2\", \"ask\": \"1\", \"note\": \"" + m + "-1\"}");
        kafka.sendRaw(Topics.MARKET_TICKS, "BADUSD", "{\"symbol\": \"BADUSD\", \"bid\": \"cheap\", \"ask\": \"1\", \"note\": \"" + m + "-2\"}");
        kafka.sendRaw(Topics.MARKET_TICKS, "BADUSD", "not json " + m + "-3");
        kafka.sendRaw(Topics.MARKET_TICKS, "BADUSD", "{\"bid\": \"1\", \"ask\": \"2\", \"note\": \"" + m + "-4\"}");
        TickScript market = new TickScript("BADUSD", kafka::tick);
        market.tick("100");
        market.tick("101");
        market.tick("102");

        await().atMost(PATIENCE).until(() -> kafka.tickDeadLetters.containing(m).size() == 4);
        assertThat(reason(m + "-1")).isEqualTo("invalid MarketTick: tick has bid above ask");
        assertThat(reason(m + "-2")).isEqualTo("malformed MarketTick: field 'bid': 'cheap' is not a decimal in plain notation");
        assertThat(reason(m + "-3")).startsWith("not JSON: ");
        assertThat(reason(m + "-4")).isEqualTo("invalid MarketTick: tick without symbol");
        // The good ticks after them still made bars.
        await().atMost(PATIENCE).until(() -> count("SELECT count(*) FROM bars WHERE symbol = 'BADUSD'") == 2);
    }

    private String reason(String marker) {
        return SignalTestClient.header(kafka.tickDeadLetters.containing(marker).get(0), "dead-letter-reason");
    }

    private static long count(String sql) {
        return PositrackTestInfrastructure.infrastructure().postgres().database("signal").count(sql);
    }
}
