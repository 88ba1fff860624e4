package io.positrack.infra.fuzz;

/** A mutated value and a short description of what was done, for reports. */
record Mutated(byte[] value, String detail) {
}
