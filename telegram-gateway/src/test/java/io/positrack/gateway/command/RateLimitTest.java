package io.positrack.gateway.command;

import static io.positrack.gateway.support.TestChats.RATE;
import static io.positrack.gateway.support.TestChats.RATE_LIMIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.positrack.gateway.support.GatewayKafka;
import io.positrack.gateway.support.Observe;
import io.positrack.gateway.support.TelegramStandInResource;
import io.positrack.infra.quarkus.PositrackTestInfrastructure;
import io.positrack.infra.telegram.TelegramBotApiStandIn;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = PositrackTestInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
@WithTestResource(TelegramStandInResource.class)
class RateLimitTest {

    private final TelegramBotApiStandIn standIn = TelegramStandInResource.standIn();
    private final GatewayKafka kafka = GatewayKafka.get();

    @Test
    void aChatOverItsLimitIsToldOnceToSlowDownAndItsExtraCommandsAreDropped() {
        double limitedBefore = Observe.metric("positrack_telegram_commands_rate_limited_total");
        for (int i = 0; i < RATE_LIMIT + 3; i++) {
            standIn.sendUserMessage(RATE, 88, "/positions");
        }
        // A message from another (refused) chat after them: once it is answered, all of them were handled.
        standIn.sendUserMessage(9998, 1, "/help");
        await().atMost(Duration.ofSeconds(20)).until(() -> !standIn.sentTo(9998).isEmpty());

        assertThat(kafka.commandsFromChat(RATE)).hasSize(RATE_LIMIT);
        assertThat(standIn.sentTo(RATE)).extracting(m -> m.plainText()).singleElement().asString().startsWith("Slow down");
        assertThat(Observe.metric("positrack_telegram_commands_rate_limited_total")).isEqualTo(limitedBefore + 3);
    }
}
