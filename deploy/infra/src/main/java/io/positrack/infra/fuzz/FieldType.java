package io.positrack.infra.fuzz;

/** What the strict reading (see {@link HostileKind}) demands of one field; decides which mutations apply to it. */
public enum FieldType {
    /** An identifier: {@code [A-Za-z0-9._:@/-]{1,128}}. */
    ID,
    /** A trading symbol: {@code [A-Z0-9]{2,20}([-_/][A-Z0-9]{2,10})?}. */
    SYMBOL,
    /** One constant of an enum. */
    ENUM,
    /** The constant that says what kind of record this is ({@code type}, {@code verb}, {@code outcome}). */
    DISCRIMINATOR,
    /** Free text: only its JSON type and presence are checked. */
    TEXT,
    /** A decimal string, greater than zero. */
    DECIMAL_POSITIVE,
    /** A decimal string, zero or more. */
    DECIMAL_NON_NEGATIVE,
    /** A decimal string of either sign (a profit or loss). */
    DECIMAL_SIGNED,
    /** A JSON integer, greater than zero. */
    INTEGER_POSITIVE,
    /** A JSON integer, zero or more. */
    INTEGER_NON_NEGATIVE,
    /** A JSON integer of either sign (a Telegram chat id). */
    INTEGER_SIGNED,
    /** An ISO-8601 UTC instant between 2000 and 2100. */
    INSTANT,
    /** A JSON boolean. */
    BOOLEAN,
    /** A nested JSON object. */
    OBJECT;

    boolean isStringLike() {
        return this == ID || this == SYMBOL || this == ENUM || this == DISCRIMINATOR;
    }

    boolean isDecimal() {
        return this == DECIMAL_POSITIVE || this == DECIMAL_NON_NEGATIVE || this == DECIMAL_SIGNED;
    }

    boolean isInteger() {
        return this == INTEGER_POSITIVE || this == INTEGER_NON_NEGATIVE || this == INTEGER_SIGNED;
    }
}
