package io.positrack.signal.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.positrack.contracts.position.PositionCommand;
import io.positrack.contracts.position.Side;
import io.positrack.infra.quarkus.PositrackTestInfrastructure;
import io.positrack.signal.testing.PositionStory;
import io.positrack.signal.testing.ServiceApi;
import io.positrack.signal.testing.SignalTestClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The scheduler expires sessions whose entry did not fill in time (EXPUSD: entry-timeout 1 s in %test). */
@QuarkusTest
@WithTestResource(value = PositrackTestInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "signal"))
class EntryExpiryTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final SignalTestClient kafka = SignalTestClient.get();
    private final ServiceApi api = ServiceApi.inProcess();

    @Test
    void anEntryThatDidNotFillInTimeIsExpiredOnceUnderAnIdDerivedFromThePosition() {
        String account = SignalTestClient.uniqueAccount("expire");
        PositionStory p = PositionStory.of(PositionStory.newPositionId(), account, "EXPUSD", Side.BUY, "sig-exp-" + account);
        kafka.event(p.opened());
        kafka.event(p.entryPlaced());

        await().atMost(PATIENCE).until(() -> !kafka.positionCommandsOf(account).isEmpty());
        assertThat(kafka.positionCommandsOf(account)).containsExactly(new PositionCommand.ExpirePending("expire-" + p.id(), account,
                "paper", "EXPUSD", null, ((PositionCommand.ExpirePending) kafka.positionCommandsOf(account).get(0)).issuedAt(), p.id()));
        // The scheduler runs every 200 ms: over a second more it must not ask again.
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> kafka.positionCommandsOf(account).size() == 1);
    }

    @Test
    void anEntryThatFilledIsNotExpired() {
        String account = SignalTestClient.uniqueAccount("filled");
        String control = SignalTestClient.uniqueAccount("filled-control");
        PositionStory filled = PositionStory.of(PositionStory.newPositionId(), account, "EXPUSD", Side.SELL, "sig-f-" + account);
        PositionStory unfilled = PositionStory.of(PositionStory.newPositionId(), control, "EXPUSD", Side.SELL, "sig-u-" + control);
        kafka.event(filled.opened(Instant.now().minusSeconds(60)));
        kafka.event(filled.entryFilled("100"));
        kafka.event(unfilled.opened(Instant.now().minusSeconds(60)));

        // The unfilled one, older than the timeout like the filled one, is expired: the scheduler has looked at both.
        await().atMost(PATIENCE).until(() -> !kafka.positionCommandsOf(control).isEmpty());
        await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(3)).until(() -> kafka.positionCommandsOf(account).isEmpty());
        assertThat(api.session(filled.id()).orElseThrow().jsonPath().getString("status")).isEqualTo("OPEN");
        List<PositionCommand> expired = kafka.positionCommandsOf(control);
        assertThat(expired).extracting(PositionCommand::commandId).containsExactly("expire-" + unfilled.id());
    }
}
