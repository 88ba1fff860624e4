package io.positrack.signal.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.positrack.contracts.market.MarketTick;
import io.positrack.infra.quarkus.PositrackTestInfrastructure;
import io.positrack.signal.testing.SignalTestClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The feeds publish to {@code market-ticks} through the same runner the application starts them with. */
@QuarkusTest
@WithTestResource(value = PositrackTestInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "signal"))
class FeedTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Inject
    FeedRunner runner;

    @Inject
    CsvReplayFeed csv;

    @Inject
    SimulatedFeed simulated;

    private final SignalTestClient kafka = SignalTestClient.get();

    @Test
    void aCsvReplayPublishesItsRowsInOrderShiftedToNow() throws Exception {
        Path file = Files.createTempFile("replay", ".csv");
        Files.writeString(file, """
                timestamp,symbol,bid,ask
                2024-03-01T10:00:00Z,FEEDUSD,50.10,50.20
                2024-03-01T10:00:01Z,FEEDUSD,50.30,50.40
                this row is broken
                2024-03-01T10:00:02Z,FEEDUSD,50.00,50.10
                """);
        Instant before = Instant.now();

        long published = runner.publish("csv", csv.replay(file, 0, true)).await().atMost(PATIENCE);

        assertThat(published).isEqualTo(3);
        await().atMost(PATIENCE).until(() -> ticksOf("FEEDUSD").size() >= 3);
        List<MarketTick> ticks = ticksOf("FEEDUSD");
        assertThat(ticks).extracting(MarketTick::bid).map(BigDecimal::toPlainString).containsExactly("50.10", "50.30", "50.00");
        assertThat(ticks.get(0).venueTime()).isBetween(before, Instant.now());
        assertThat(Duration.between(ticks.get(0).venueTime(), ticks.get(2).venueTime())).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void theSimulatedFeedPublishesTheSeededWalk() {
        long published = runner.publish("simulated", simulated.walk(List.of("SIMUSD"), 99, Duration.ofMillis(5)).select().first(25))
                .await().atMost(PATIENCE);

        assertThat(published).isEqualTo(25);
        await().atMost(PATIENCE).until(() -> ticksOf("SIMUSD").size() >= 25);
        // SIMUSD uses the default simulation parameters: start 100, 15 % a year, spread 0.02, two decimals.
        PriceWalk same = new PriceWalk(99, "SIMUSD", new BigDecimal("100"), 0.15, Duration.ofMillis(5), new BigDecimal("0.02"), 2);
        List<BigDecimal> expected = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            expected.add(same.next().bid());
        }
        assertThat(ticksOf("SIMUSD")).extracting(MarketTick::bid).containsExactlyElementsOf(expected);
    }

    private List<MarketTick> ticksOf(String symbol) {
        return kafka.ticks.containing("\"" + symbol + "\"").stream().map(r -> SignalTestClient.read(r.value(), MarketTick.class)).toList();
    }
}
