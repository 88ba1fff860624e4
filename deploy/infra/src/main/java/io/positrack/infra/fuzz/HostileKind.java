package io.positrack.infra.fuzz;

/**
 * How a hostile record was made. Every kind yields records that a <em>strict</em> consumer refuses; the
 * strict reading assumed here is the one the hardened consumers implement (issue #14):
 * <ul>
 * <li>the value is one UTF-8 JSON object, no duplicate names, nothing after it, at most 1,000 levels deep;</li>
 * <li>required fields are present and non-null; unknown extra fields are ignored (so never used as a fault);</li>
 * <li>ids ({@code commandId}, {@code account}, {@code venue}, {@code clientOrderId}, ...) match
 *     {@code [A-Za-z0-9._:@/-]{1,128}}; symbols match {@code [A-Z0-9]{2,20}([-_/][A-Z0-9]{2,10})?};</li>
 * <li>enums are one of their constants, spelled exactly, as JSON strings (no ordinals);</li>
 * <li>amounts are JSON strings in plain decimal notation (no exponent, no whitespace), at most 20 integer and 18
 *     fraction digits; prices and requested quantities are positive, fill and position sizes non-negative;</li>
 * <li>integers are JSON integers within {@code long}; ids and versions are positive;</li>
 * <li>instants are ISO-8601 UTC strings between 2000-01-01 and 2100-01-01;</li>
 * <li>JSON types are never coerced (no number for a string, no string for a number, no array for a scalar).</li>
 * </ul>
 * Headers are never read by a strict consumer, so {@link #GARBAGE_HEADERS} records also carry an invalid value.
 */
public enum HostileKind {
    /** A tombstone: the record has no value at all. */
    NULL_VALUE,
    /** Zero bytes, or whitespace only. */
    EMPTY_VALUE,
    /** Well-formed JSON that is not an object: {@code null}, {@code []}, {@code 42}, a string. */
    NOT_AN_OBJECT,
    /** Random bytes, 1 byte to 2 MiB; never starting like a JSON object. */
    RANDOM_BYTES,
    /** A valid record with malformed UTF-8 inside an id, symbol or enum string. */
    INVALID_UTF8,
    /** A valid record cut short at a random byte. */
    TRUNCATED_JSON,
    /** 10,000 levels of arrays or objects, around the record, instead of it, or in a field. */
    DEEPLY_NESTED,
    /** A valid record followed by more content (a second object, garbage). */
    TRAILING_GARBAGE,
    /** A field named twice with two different (each valid) values. */
    DUPLICATE_KEY,
    /** A required field deleted. */
    MISSING_REQUIRED_FIELD,
    /** A required field set to {@code null}. */
    NULL_REQUIRED_FIELD,
    /** A required string field set to {@code ""}. */
    EMPTY_STRING,
    /** An object, array, boolean or single-element array where a scalar of another type belongs. */
    WRONG_TYPE,
    /** A JSON number where a string (id, symbol, enum) belongs. */
    NUMBER_FOR_STRING,
    /** A fraction ({@code 1.5}, {@code 42.9}) where an integer belongs. */
    INTEGER_AS_FRACTION,
    /** An integer sent as a JSON string ({@code "42"}). */
    INTEGER_AS_STRING,
    /** An amount sent as a JSON number instead of a decimal string. */
    DECIMAL_AS_NUMBER,
    /** An amount with whitespace around it ({@code "1 "}). */
    DECIMAL_WITH_WHITESPACE,
    /** {@code 1e2147483647} and friends, as decimal strings or as JSON numbers. */
    HUGE_EXPONENT,
    /** 60 digits: beyond any column and any {@code long}. */
    SIXTY_DIGIT_NUMBER,
    /** {@code "NaN"}, {@code "Infinity"}, or the bare non-JSON tokens. */
    NAN_OR_INFINITY,
    /** {@code "-0"} (and {@code -0}) where a positive value belongs. */
    NEGATIVE_ZERO,
    /** Zero where a positive value belongs. */
    ZERO_AMOUNT,
    /** A negative price, quantity, id or version. */
    NEGATIVE_AMOUNT,
    /** An instant such as 2999-01-01T00:00:00Z. */
    FAR_FUTURE_INSTANT,
    /** An instant such as 0001-01-01T00:00:00Z. */
    FAR_PAST_INSTANT,
    /** An instant sent as epoch seconds or milliseconds (a JSON number). */
    INSTANT_AS_NUMBER,
    /** An instant string that is not an ISO-8601 UTC instant. */
    GARBAGE_INSTANT,
    /** Right-to-left overrides, emoji, lone surrogates, NUL, zero-width and full-width characters in ids and symbols. */
    UNICODE_TEXT,
    /** Quotes, semicolons, comments and wildcards of SQL in ids and symbols. */
    SQL_METACHARACTERS,
    /** A {@code type} (or verb, outcome) discriminator naming no known kind. */
    UNKNOWN_TYPE,
    /** An enum field (side, status, ...) with a value that is no constant. */
    UNKNOWN_ENUM,
    /** A valid record of another topic. */
    WRONG_RECORD_TYPE,
    /** Garbage header names and values (empty, huge, binary, forged dead-letter headers) on an invalid value. */
    GARBAGE_HEADERS
}
