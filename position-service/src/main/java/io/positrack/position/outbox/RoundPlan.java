package io.positrack.position.outbox;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * What one relay round does with its rows, decided from each row's fate, in {@code seq} order: acknowledged
 * rows are marked published; rows refused for good are set aside; at the first transient failure the round
 * stops deciding, so that row and every row after it stay unpublished and are sent again, in order, next
 * round. A pure function, so the rules are tested without a broker.
 *
 * @param published rows to mark published
 * @param setAside rows to set aside, with their reason
 * @param retryFrom the first row left for the next round because of a transient failure, if any
 */
record RoundPlan(List<Long> published, List<SetAside> setAside, OptionalLong retryFrom) {

    /** A row the relay will not send again by itself. */
    record SetAside(long seq, String reason) {
    }

    /** How one row's send ended: acknowledged, refused before sending ({@code refusal}), or failed ({@code failure}). */
    record Fate(long seq, String refusal, Throwable failure) {

        static Fate acked(long seq) {
            return new Fate(seq, null, null);
        }

        static Fate refused(long seq, String reason) {
            return new Fate(seq, reason, null);
        }

        static Fate failed(long seq, Throwable failure) {
            return new Fate(seq, null, failure);
        }
    }

    static RoundPlan of(List<Fate> fates) {
        List<Long> published = new ArrayList<>();
        List<SetAside> setAside = new ArrayList<>();
        for (Fate fate : fates) {
            if (fate.refusal() != null) {
                setAside.add(new SetAside(fate.seq(), fate.refusal()));
            } else if (fate.failure() == null) {
                published.add(fate.seq());
            } else if (SendFailures.isPermanent(fate.failure())) {
                setAside.add(new SetAside(fate.seq(), "refused by Kafka: " + SendFailures.describe(fate.failure())));
            } else {
                return new RoundPlan(published, setAside, OptionalLong.of(fate.seq()));
            }
        }
        return new RoundPlan(published, setAside, OptionalLong.empty());
    }
}
