package io.positrack.gateway.command;

import static io.positrack.gateway.support.TestChats.AGE;
import static io.positrack.gateway.support.TestChats.GROUP;
import static io.positrack.gateway.support.TestChats.GROUP_MEMBER;
import static io.positrack.gateway.support.TestChats.RATE_LIMIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.positrack.contracts.bot.BotVerb;
import io.positrack.gateway.support.GatewayKafka;
import io.positrack.gateway.support.TelegramStandInResource;
import io.positrack.infra.quarkus.PositrackTestInfrastructure;
import io.positrack.infra.telegram.TelegramBotApiStandIn;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Issue #17: chat commands queued while the gateway was away, and a rate limit no outsider can spend. */
@QuarkusTest
@WithTestResource(value = PositrackTestInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
@WithTestResource(TelegramStandInResource.class)
class CommandAgeFlowTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final TelegramBotApiStandIn standIn = TelegramStandInResource.standIn();
    private final GatewayKafka kafka = GatewayKafka.get();

    @Test
    void aTradingCommandTypedLongerAgoThanTheLimitIsRefusedWithTheReasonAndNotPublished() {
        int before = standIn.sentTo(AGE).size();
        standIn.sendUserMessage(AGE, 1, "/getsignal", Instant.now().minusSeconds(90));

        await().atMost(PATIENCE).until(() -> standIn.sentTo(AGE).size() > before);
        assertThat(standIn.sentTo(AGE).get(before).plainText()).contains("while Positrack was offline; not executed");
        // A fresh command after it is published: once it is there, the old one was handled and had no command.
        standIn.sendUserMessage(AGE, 1, "/positions");
        await().atMost(PATIENCE).until(() -> kafka.commandsFromChat(AGE).stream().anyMatch(c -> c.verb() == BotVerb.POSITIONS));
        assertThat(kafka.commandsFromChat(AGE)).noneMatch(c -> c.verb() == BotVerb.GET_SIGNAL);
    }

    @Test
    void aReadingCommandTypedAsLongAgoIsStillAnswered() {
        standIn.sendUserMessage(AGE, 1, "/history 3", Instant.now().minusSeconds(90));

        await().atMost(PATIENCE).until(() -> kafka.commandsFromChat(AGE).stream().anyMatch(c -> c.verb() == BotVerb.HISTORY));
    }

    @Test
    void aMemberWhoMayNotUseTheBotCannotSpendTheRateLimitOfAnAllowedUserOfTheSameGroup() {
        for (int i = 0; i < RATE_LIMIT + 3; i++) {
            standIn.sendUserMessage(GROUP, 31338, "/positions");
        }
        long allowedBefore = kafka.commandsFromChat(GROUP).stream().filter(c -> c.userId() == GROUP_MEMBER).count();

        standIn.sendUserMessage(GROUP, GROUP_MEMBER, "/positions");

        await().atMost(PATIENCE).until(() ->
                kafka.commandsFromChat(GROUP).stream().filter(c -> c.userId() == GROUP_MEMBER).count() == allowedBefore + 1);
    }
}
