package io.positrack.infra.fuzz;

/**
 * Sizes the campaign, the broker and the producers agree on.
 *
 * <p>Why twice the largest record and more: consumers read values as {@code String}, so a dead letter of 2 MiB of
 * random bytes is re-encoded with U+FFFD (3 bytes) for each malformed byte and grows to about 4 MiB.
 */
public final class FuzzLimits {

    /** The largest hostile value. */
    public static final int MAX_VALUE_BYTES = 2 * 1024 * 1024;

    /** {@code max.request.size} of a producer that must carry such a record, or its dead letter. */
    public static final int PRODUCER_MAX_REQUEST_BYTES = 8 * 1024 * 1024;

    /** The broker's {@code message.max.bytes}: a producer's largest request plus the batch framing. */
    public static final int BROKER_MAX_MESSAGE_BYTES = PRODUCER_MAX_REQUEST_BYTES + 64 * 1024;

    private FuzzLimits() {
    }
}
