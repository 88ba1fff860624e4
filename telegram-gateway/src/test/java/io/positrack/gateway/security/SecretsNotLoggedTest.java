package io.positrack.gateway.security;

import static io.positrack.gateway.support.TestChats.LOGS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.positrack.contracts.Topics;
import io.positrack.contracts.position.Outcome;
import io.positrack.gateway.support.GatewayKafka;
import io.positrack.gateway.support.Snapshots;
import io.positrack.gateway.support.TelegramStandInResource;
import io.positrack.infra.quarkus.PositrackTestInfrastructure;
import io.positrack.infra.telegram.Fault;
import io.positrack.infra.telegram.TelegramBotApiStandIn;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** I12: the bot token never appears in the log, whatever fails on the way (REST client request logging is on). */
@QuarkusTest
@WithTestResource(value = PositrackTestInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
@WithTestResource(TelegramStandInResource.class)
class SecretsNotLoggedTest {

    private final TelegramBotApiStandIn standIn = TelegramStandInResource.standIn();

    @Test
    void theLogNeverContainsTheBotTokenThroughFailuresRefusalsAndBadInput() throws Exception {
        standIn.injectSendFaults(Fault.dropConnection(), Fault.serverError(500), Fault.rateLimited(1));
        standIn.sendUserMessage(LOGS, 3, "/help");
        standIn.sendUserMessage(9997, 3, "/status");
        standIn.injectGetUpdatesFaults(Fault.serverError(502), Fault.dropConnection());
        GatewayKafka.get().sendRaw(Topics.COMMAND_RESULTS, "XAUUSD", "{not json");
        GatewayKafka.get().sendResult(Snapshots.result("logs-" + UUID.randomUUID(), "QueryStatus", "someone-else", "XAUUSD", LOGS,
                Outcome.NOT_FOUND, null));
        // Its records may queue behind what earlier test classes left on the topics (the hostile campaign's 40,000 are
        // read again by this profile's restarted application): the consumers go through them first, in order.
        await().atMost(Duration.ofSeconds(180)).until(() -> !standIn.sentTo(LOGS).isEmpty() && !standIn.sentTo(9997).isEmpty());
        // The scan must be looking at the real output: wait until lines from every flow above are there.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(log()).contains(
                "Connected to the Bot API as @" + standIn.username(), "Refused a message from user 3 in chat 9997",
                "Dead-lettering command-results", "is mapped to another account: not sent", "getUpdates failed"));

        String secretHalf = standIn.token().substring(standIn.token().indexOf(':') + 1);
        assertThat(log()).doesNotContain(standIn.token()).doesNotContain(secretHalf);
    }

    private static String log() throws java.io.IOException {
        return Files.readString(Path.of(TelegramStandInResource.LOG_FILE));
    }
}
