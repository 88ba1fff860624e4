package io.positrack.infra.history;

/**
 * One broken promise found in a history.
 *
 * @param rule which promise: {@code unanswered}, {@code second-result}, {@code version-gap}, {@code copy-differs},
 *     {@code snapshot-mismatch}, {@code after-terminal}, {@code two-open}, {@code second-effect}
 */
public record Violation(String rule, String detail) {

    @Override
    public String toString() {
        return rule + ": " + detail;
    }
}
