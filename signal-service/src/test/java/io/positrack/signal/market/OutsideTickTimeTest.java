package io.positrack.signal.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

import io.positrack.contracts.Topics;
import io.positrack.contracts.market.MarketTick;
import io.positrack.infra.quarkus.PositrackTestInfrastructure;
import io.positrack.signal.strategy.Signal;
import io.positrack.signal.testing.ServiceApi;
import io.positrack.signal.testing.SignalTestClient;
import io.positrack.signal.testing.TickScript;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * I14 for market data (issue #15): a tick dated ahead of our clock used to become the symbol's latest bar, so every
 * true tick after it was LATE and the symbol's last signal stayed valid "until the future". Now it is refused.
 */
@QuarkusTest
@WithTestResource(value = PositrackTestInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "signal"))
class OutsideTickTimeTest {

    private final SignalTestClient kafka = SignalTestClient.get();
    private final ServiceApi api = ServiceApi.inProcess();

    @Test
    void aTickDatedInTheFutureIsRefusedAndDoesNotStopSignalsForItsSymbol() {
        MarketTick future = new MarketTick("FUTUSD", new BigDecimal("100"), new BigDecimal("100.02"), null,
                Instant.now().plus(Duration.ofDays(300)));
        RecordMetadata sent = kafka.sendRaw(Topics.MARKET_TICKS, "FUTUSD", SignalTestClient.write(future));
        assertThat(SignalTestClient.header(kafka.awaitDeadLetterOf(sent), "dead-letter-reason")).contains("venueTime")
                .contains("ahead of our clock");

        TickScript market = new TickScript("FUTUSD", kafka::tick);
        Signal expected = market.firstSignal();
        await().atMost(Duration.ofSeconds(30)).until(() -> api.latestSignalId("FUTUSD").equals(Optional.of(expected.signalId())));
    }
}
