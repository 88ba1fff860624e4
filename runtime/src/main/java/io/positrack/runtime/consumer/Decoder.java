package io.positrack.runtime.consumer;

/** Turns a record's value (never null or empty here) into a valid message or a refusal; must not throw. */
@FunctionalInterface
public interface Decoder<T> {

    Decoded<T> decode(byte[] value);
}
