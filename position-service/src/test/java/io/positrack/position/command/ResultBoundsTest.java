package io.positrack.position.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.positrack.contracts.position.CommandResult;
import io.positrack.contracts.position.Origin;
import io.positrack.contracts.position.Outcome;
import io.positrack.contracts.position.PositionSnapshot;
import io.positrack.contracts.position.PositionStatus;
import io.positrack.contracts.position.Side;
import io.positrack.position.support.PositionTestClient;

/** A result's list is cut to a size that cannot exceed the outbox relay's bound, and says so. */
class ResultBoundsTest {

    private static final int OUTBOX_BOUND = 1_000_000;

    @Test
    void aListLongerThanTheBoundIsCutInItsOrderAndTheMessageSaysSo() {
        List<Integer> all = IntStream.rangeClosed(1, 250).boxed().toList();

        List<Integer> shown = Results.bounded(all);

        assertThat(shown).hasSize(Results.MAX_LISTED).containsExactlyElementsOf(all.subList(0, Results.MAX_LISTED));
        assertThat(Results.cutNote("first (by symbol)", shown.size(), all.size())).isEqualTo("; showing the first (by symbol) 200 of 250");
    }

    @Test
    void aListWithinTheBoundIsKeptWholeWithoutANote() {
        List<Integer> all = IntStream.rangeClosed(1, Results.MAX_LISTED).boxed().toList();

        assertThat(Results.bounded(all)).isSameAs(all);
        assertThat(Results.cutNote("first", all.size(), all.size())).isEmpty();
    }

    @Test
    void theLongestListOfTheLargestPossibleSnapshotsFitsTheOutboxBound() throws Exception {
        // Every string at the longest validation lets through, every decimal at numeric(38,18)'s widest.
        BigDecimal widest = new BigDecimal("-" + "9".repeat(20) + "." + "9".repeat(18));
        String id = "a".repeat(128);
        PositionSnapshot largest = new PositionSnapshot(Long.MAX_VALUE, id, id, "ABCDEFGHIJKLMNOPQRST-ABCDEFGHIJ", Side.SELL,
                PositionStatus.ENTRY_PLACED, widest, widest, widest, widest, widest, widest, widest, widest,
                "é".repeat(CommandValidator.MAX_REASON_LENGTH), Origin.ADOPTED, "s".repeat(CommandValidator.MAX_SIGNAL_ID_LENGTH),
                "pt-" + Long.MAX_VALUE + "-e-1", "pt-" + Long.MAX_VALUE + "-x-99", 99, Long.MAX_VALUE, Instant.MAX, Instant.MAX, Instant.MAX);
        CommandResult result = new CommandResult(id, "ListOpen", id, id, null, Long.MAX_VALUE, Outcome.POSITIONS,
                "9999 open position(s); showing the first (by symbol) 200 of 9999", null,
                Collections.nCopies(Results.MAX_LISTED, largest), Instant.MAX, null, null);

        int bytes = PositionTestClient.JSON.writeValueAsString(result).getBytes(StandardCharsets.UTF_8).length;

        assertThat(bytes).isLessThan(OUTBOX_BOUND / 2);
    }
}
