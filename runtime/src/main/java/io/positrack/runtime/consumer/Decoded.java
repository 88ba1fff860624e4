package io.positrack.runtime.consumer;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A decoded record: either its value or the reason it was refused. {@code raw} is the parsed JSON object when
 * there was one, so a refusal can still be answered to whoever the record names.
 */
public record Decoded<T>(T value, Refusal refusal, JsonNode raw) {

    public static <T> Decoded<T> of(T value, JsonNode raw) {
        return new Decoded<>(value, null, raw);
    }

    public static <T> Decoded<T> refused(Refusal refusal, JsonNode raw) {
        return new Decoded<>(null, refusal, raw);
    }

    public boolean valid() {
        return refusal == null;
    }
}
