package io.positrack.gateway.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.positrack.gateway.support.TelegramStandInResource;
import io.positrack.infra.quarkus.PositrackTestInfrastructure;
import io.positrack.infra.telegram.TelegramBotApiStandIn;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Issue #17: the "/" menu is not empty; it lists what /help lists. */
@QuarkusTest
@WithTestResource(value = PositrackTestInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
@WithTestResource(TelegramStandInResource.class)
class CommandMenuTest {

    private final TelegramBotApiStandIn standIn = TelegramStandInResource.standIn();

    @Test
    void theCommandMenuIsPublishedAtStartWithEveryCommandHelpNames() {
        await().atMost(Duration.ofSeconds(30)).until(() -> !standIn.myCommands().isEmpty());

        assertThat(standIn.myCommands()).containsExactly("getsignal", "status", "positions", "close", "stops", "long", "short", "pause",
                "resume", "profit", "daily", "history", "sessions", "start", "stop", "help");
        String help = Replies.help("XAUUSD");
        standIn.myCommands().forEach(command -> assertThat(help).contains("/" + command));
    }
}
