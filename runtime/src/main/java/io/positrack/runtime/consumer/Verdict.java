package io.positrack.runtime.consumer;

/** What a handler made of a record it was given: a value, not an exception. */
public sealed interface Verdict {

    /** The record had its effect (or had had it before: redelivery). */
    record Applied() implements Verdict {
    }

    /** The record is fine but not for us (for example a result for a chat this gateway does not serve); counted. */
    record Skipped(String why) implements Verdict {
    }

    /** The handler found the record unusable: dead-lettered with the reason. */
    record Refused(Refusal refusal) implements Verdict {
    }

    Verdict APPLIED = new Applied();

    static Verdict applied() {
        return APPLIED;
    }

    static Verdict skipped(String why) {
        return new Skipped(why);
    }

    static Verdict refused(String detail) {
        return new Refused(Refusal.refused(detail));
    }
}
