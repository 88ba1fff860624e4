package io.positrack.position.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class PruneRunTest {

    @Test
    void theSummaryNamesEveryTableInOneOrderAndWhatIsLeftOver() {
        PruneRun run = new PruneRun(Map.of(PrunedTable.OUTBOX, 5L, PrunedTable.INBOX, 7L), Set.of(PrunedTable.INBOX));
        assertThat(run.total()).isEqualTo(12);
        assertThat(run.summary()).isEqualTo("Retention pruned 12 rows (inbox=7, inbox_snapshot_lines=0, outbox=5, venue_order_updates=0, "
                + "reconciliation_observations=0, venue_order_repairs=0, funding_payments=0); batch budget used up, the next run goes on with: inbox");
    }

    @Test
    void everyBatchDeletesBySelectedRowIdsWithinItsLimit() {
        for (PrunedTable t : PrunedTable.values()) {
            assertThat(t.batchedDelete(new io.micrometer.core.instrument.simple.SimpleMeterRegistry()).statement()).startsWith("DELETE FROM ").contains("WHERE ctid = ANY (ARRAY (", "LIMIT $2", "SKIP LOCKED", "$1");
        }
    }
}
