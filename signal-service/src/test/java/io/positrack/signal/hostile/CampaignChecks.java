package io.positrack.signal.hostile;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.assertj.core.api.SoftAssertions;

import io.positrack.infra.PostgresNode;
import io.positrack.infra.fuzz.TableFingerprint;

/** The end checks both campaign tests share, collected softly so that one run reports every broken one. */
final class CampaignChecks {

    private CampaignChecks() {
    }

    /** The fingerprint once two successive ones are equal: whatever was still writing has settled. */
    static Map<String, String> quietFingerprint(PostgresNode.Database database) {
        AtomicReference<Map<String, String>> last = new AtomicReference<>(TableFingerprint.of(database));
        await("signal database quiet").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> last.getAndSet(TableFingerprint.of(database)).equals(last.get()));
        return last.get();
    }

    /** Every record has a dead letter with a reason, from this topic; with {@code exactlyOnce}, no second copy. */
    static void deadLettered(SoftAssertions softly, CampaignLetters letters, boolean exactlyOnce) {
        softly.assertThat(letters.missing()).as("%s: records of the campaign without a dead letter of signal-service (accepted?):%s",
                letters.topic(), letters.describeMissing()).isEmpty();
        if (exactlyOnce) {
            softly.assertThat(letters.duplicates()).as("%s: dead letters beyond one per record", letters.topic()).isZero();
        }
        softly.assertThat(letters.withoutReason()).as("%s: dead letters without a reason", letters.topic()).isEmpty();
        softly.assertThat(letters.elsewhere()).as("%s: dead letters naming another origin topic", letters.topic()).isEmpty();
    }

    static void tablesUnchanged(SoftAssertions softly, Map<String, String> before, Map<String, String> after) {
        softly.assertThat(TableFingerprint.changes(before, after)).as("tables of signal-service changed by the campaign").isEmpty();
    }

    /** Runs a check that waits (Awaitility), recording its failure instead of stopping the others. */
    static void afterwards(SoftAssertions softly, String what, Runnable check) {
        try {
            check.run();
        } catch (RuntimeException | AssertionError e) {
            softly.fail(what + ": " + e.getMessage());
        }
    }
}
