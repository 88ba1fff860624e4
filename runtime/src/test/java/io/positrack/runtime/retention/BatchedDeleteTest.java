package io.positrack.runtime.retention;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BatchedDeleteTest {

    @Test
    void aFullBatchAsksForAnotherAndAShortOneEndsTheTable() {
        assertThat(BatchedDelete.another(1000, 1000, 1, 200)).isTrue();
        assertThat(BatchedDelete.another(999, 1000, 1, 200)).isFalse();
        assertThat(BatchedDelete.another(0, 1000, 1, 200)).isFalse();
    }

    @Test
    void aRunStopsAtItsBatchBudgetEvenWithRowsLeft() {
        assertThat(BatchedDelete.another(1000, 1000, 199, 200)).isTrue();
        assertThat(BatchedDelete.another(1000, 1000, 200, 200)).isFalse();
    }
}
