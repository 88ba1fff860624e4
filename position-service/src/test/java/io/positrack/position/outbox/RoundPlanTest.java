package io.positrack.position.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalLong;

import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.junit.jupiter.api.Test;

import io.positrack.position.outbox.RoundPlan.Fate;

class RoundPlanTest {

    @Test
    void aRowRefusedForGoodIsSetAsideAndTheRowsBehindItArePublished() {
        RoundPlan plan = RoundPlan.of(List.of(Fate.acked(1), Fate.failed(2, new RecordTooLargeException("big")), Fate.acked(3),
                Fate.refused(4, "too large to send"), Fate.acked(5)));

        assertThat(plan.published()).containsExactly(1L, 3L, 5L);
        assertThat(plan.setAside()).containsExactly(new RoundPlan.SetAside(2, "refused by Kafka: RecordTooLargeException: big"),
                new RoundPlan.SetAside(4, "too large to send"));
        assertThat(plan.retryFrom()).isEmpty();
    }

    @Test
    void aTransientFailureLeavesThatRowAndEveryRowAfterItForTheNextRound() {
        RoundPlan plan = RoundPlan.of(List.of(Fate.acked(1), Fate.refused(2, "too large"), Fate.failed(3, new NotEnoughReplicasException("isr")),
                Fate.acked(4), Fate.refused(5, "too large")));

        assertThat(plan.published()).containsExactly(1L);
        assertThat(plan.setAside()).extracting(RoundPlan.SetAside::seq).containsExactly(2L);
        assertThat(plan.retryFrom()).isEqualTo(OptionalLong.of(3));
    }

    @Test
    void aRoundWhereEverythingIsAcknowledgedPublishesEverything() {
        RoundPlan plan = RoundPlan.of(List.of(Fate.acked(7), Fate.acked(8)));

        assertThat(plan.published()).containsExactly(7L, 8L);
        assertThat(plan.setAside()).isEmpty();
        assertThat(plan.retryFrom()).isEmpty();
    }
}
