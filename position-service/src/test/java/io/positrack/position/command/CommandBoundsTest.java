package io.positrack.position.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.positrack.contracts.position.PositionCommand;
import io.positrack.contracts.position.Side;
import io.positrack.infra.quarkus.PositrackTestInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Strings a command copies into a position, and so into every event and answer about it, are bounded. */
@QuarkusTest
@WithTestResource(value = PositrackTestInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "position"))
class CommandBoundsTest {

    @Inject
    CommandValidator validator;

    @Test
    void aCloseReasonLongerThanTheLimitIsInvalidAndOneAtTheLimitIsNot() {
        assertThat(validator.problems(close("r".repeat(CommandValidator.MAX_REASON_LENGTH + 1))))
                .containsExactly("reason is longer than 200 characters");
        assertThat(validator.problems(close("r".repeat(CommandValidator.MAX_REASON_LENGTH)))).isEmpty();
    }

    @Test
    void aSignalIdLongerThanTheLimitIsInvalid() {
        PositionCommand.OpenPosition open = new PositionCommand.OpenPosition("c-1", "acc-1", "paper", "BTCUSDT", Side.BUY, BigDecimal.ONE,
                null, null, null, "s".repeat(129), null, Instant.now());

        assertThat(validator.problems(open)).containsExactly("signalId is longer than 128 characters");
    }

    @Test
    void aHugeInvalidSymbolIsEchoedShortInItsProblem() {
        PositionCommand.QueryStatus query = new PositionCommand.QueryStatus("c-2", "acc-1", "paper", "x".repeat(1_000_000), null,
                Instant.now(), null);

        assertThat(validator.problems(query)).singleElement().asString().hasSizeLessThan(100).contains("is not a valid symbol");
    }

    private static PositionCommand.ClosePosition close(String reason) {
        return new PositionCommand.ClosePosition("c-3", "acc-1", "paper", "BTCUSDT", null, reason, null, Instant.now());
    }
}
