package io.positrack.contracts.schema;

/**
 * One way a record differs from its contract.
 *
 * @param part whether the headers or the value break it
 * @param pointer the JSON pointer of the problem inside that part ({@code ""} for the whole part; for a header,
 *        {@code /<header name>})
 * @param message what is wrong, in the validator's words
 */
public record SchemaProblem(Part part, String pointer, String message) {

    public enum Part {
        HEADERS, VALUE
    }

    @Override
    public String toString() {
        return (part == Part.HEADERS ? "headers " : "value ") + (pointer.isEmpty() ? "/" : pointer) + ": " + message;
    }
}
