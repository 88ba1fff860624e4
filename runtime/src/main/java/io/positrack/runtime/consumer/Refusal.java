package io.positrack.runtime.consumer;

import io.positrack.runtime.wire.Texts;

/**
 * Why a record was not applied: a code for metrics and dashboards (few values, never an id) and a detail
 * for the person reading the dead letter. Bounded, so a hostile record cannot make its own reason huge.
 */
public record Refusal(Code code, String detail) {

    public static final int MAX_DETAIL = 1000;

    public enum Code {
        /** null, empty, or JSON null */
        EMPTY,
        /** larger than the consumer accepts */
        OVERSIZED,
        /** not parseable as JSON (or not UTF-8) */
        NOT_JSON,
        /** JSON, but not of the record's shape (types, duplicates, depth) */
        MALFORMED,
        /** a type discriminator we do not know */
        UNKNOWN_TYPE,
        /** well formed, but its values break the record's rules */
        INVALID,
        /** the handler refused it after looking (for example an order id that is not ours) */
        REFUSED,
        /** the handler failed for a reason that is not passing */
        HANDLER_FAILED;

        /** The lower-case tag used in metrics. */
        public String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Refusal {
        detail = Texts.bounded(detail, MAX_DETAIL);
    }

    public static Refusal empty(String detail) {
        return new Refusal(Code.EMPTY, detail);
    }

    public static Refusal oversized(String detail) {
        return new Refusal(Code.OVERSIZED, detail);
    }

    public static Refusal notJson(String detail) {
        return new Refusal(Code.NOT_JSON, "not JSON: " + detail);
    }

    public static Refusal malformed(String detail) {
        return new Refusal(Code.MALFORMED, detail);
    }

    public static Refusal unknownType(String detail) {
        return new Refusal(Code.UNKNOWN_TYPE, detail);
    }

    public static Refusal invalid(String detail) {
        return new Refusal(Code.INVALID, detail);
    }

    public static Refusal refused(String detail) {
        return new Refusal(Code.REFUSED, detail);
    }

    /** An unexpected exception: its class and message only, never a stack trace. */
    public static Refusal handlerFailed(Throwable failure) {
        return new Refusal(Code.HANDLER_FAILED, "processing failed: " + failure.getClass().getName() + ": " + failure.getMessage());
    }
}
