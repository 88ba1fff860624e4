package io.positrack.runtime.consumer;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Bounds of the consumer pipeline ({@code positrack.consumer.*}), the same for every service. */
@ConfigMapping(prefix = "positrack.consumer")
public interface ConsumerLimits {

    /** A record value larger than this is refused unread (OVERSIZED). Our largest record, a result with a list, stays far below. */
    @WithDefault("262144")
    int maxValueBytes();

    /** A dead letter keeps at most this much of the value; the rest is described by its length and SHA-256. */
    @WithDefault("16384")
    int deadLetterValueBytes();

    /** The original headers are copied to the dead letter only while they fit in this many bytes. */
    @WithDefault("8192")
    int deadLetterHeaderBytes();

    /** A record retried (passing fault) for longer than this makes readiness DOWN and names the partition. */
    @WithDefault("30s")
    Duration stallReportAfter();

    /** How often consumer lag per partition is measured. */
    @WithDefault("15s")
    Duration lagInterval();
}
