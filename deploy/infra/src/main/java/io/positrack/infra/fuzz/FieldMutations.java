package io.positrack.infra.fuzz;

import static io.positrack.infra.fuzz.JsonSplice.ascii;
import static io.positrack.infra.fuzz.JsonSplice.string;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The mutations that replace, remove or duplicate one field of a template. Each value chosen here breaks the
 * strict reading of that field's type (see {@link HostileKind}); values a lenient reader could still accept as
 * the same thing (a coerced number, a trimmed string) are intended: the strict consumer must refuse them.
 */
final class FieldMutations {

    static final String SIXTY_DIGITS = "123456789012345678901234567890123456789012345678901234567890";
    static final int DEPTH = 10_000;

    private static final List<String> SQL = List.of("'; DROP TABLE positions; --", "' OR '1'='1", "\"; DELETE FROM inbox; --",
            "%", "' UNION SELECT usename, passwd FROM pg_shadow --", "\\'; SELECT pg_sleep(10); --", "$$; TRUNCATE outbox; $$",
            "*/ OR 1=1 /*", ";", "' || (SELECT version()) || '");
    private static final List<String> UNICODE = List.of("\u202E", "\u200F", "\uD83D\uDE00", "\u0000", "\u200B", "\uFEFF", "\u0301",
            "\u0627\u0628\u062C", "\u00A0", "\u2028");
    private static final List<byte[]> BAD_UTF8 = List.of(new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xC3, 0x28},
            new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0xC0, (byte) 0xAF},
            new byte[] {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}, new byte[] {(byte) 0x80},
            new byte[] {(byte) 0xE2, (byte) 0x82});

    private FieldMutations() {
    }

    static boolean applies(HostileKind kind, FieldSpec f) {
        FieldType t = f.type();
        return switch (kind) {
            case MISSING_REQUIRED_FIELD, NULL_REQUIRED_FIELD -> f.required();
            // An empty string may be read as "absent": only a required field makes that unambiguous.
            case EMPTY_STRING -> f.required() && (t.isStringLike() || t.isDecimal() || t == FieldType.TEXT || t == FieldType.INSTANT);
            case WRONG_TYPE -> true;
            case NUMBER_FOR_STRING, UNICODE_TEXT, INVALID_UTF8 -> t.isStringLike();
            case INTEGER_AS_FRACTION, INTEGER_AS_STRING -> t.isInteger();
            case DECIMAL_AS_NUMBER, DECIMAL_WITH_WHITESPACE -> t.isDecimal();
            case HUGE_EXPONENT, SIXTY_DIGIT_NUMBER, NAN_OR_INFINITY -> t.isDecimal() || t.isInteger();
            case NEGATIVE_ZERO, ZERO_AMOUNT -> t == FieldType.DECIMAL_POSITIVE || t == FieldType.INTEGER_POSITIVE;
            case NEGATIVE_AMOUNT -> t == FieldType.DECIMAL_POSITIVE || t == FieldType.INTEGER_POSITIVE
                    || t == FieldType.DECIMAL_NON_NEGATIVE || t == FieldType.INTEGER_NON_NEGATIVE;
            case FAR_FUTURE_INSTANT, FAR_PAST_INSTANT, INSTANT_AS_NUMBER, GARBAGE_INSTANT -> t == FieldType.INSTANT;
            case SQL_METACHARACTERS -> t == FieldType.ID || t == FieldType.SYMBOL;
            case UNKNOWN_TYPE -> t == FieldType.DISCRIMINATOR;
            case UNKNOWN_ENUM -> t == FieldType.ENUM;
            case DUPLICATE_KEY -> f.alternative() != null;
            // 10,000 levels in place of a required scalar.
            case DEEPLY_NESTED -> f.required() && t != FieldType.OBJECT;
            default -> false;
        };
    }

    static Mutated apply(HostileKind kind, WireTemplate template, FieldSpec f, Random random) {
        JsonNode original = template.valueAt(f.path());
        String text = original.asText();
        // "-" before a zero would still be zero, not a negative.
        String magnitude = text.matches("0+(\\.0*)?") ? "1" : text;
        byte[] value = switch (kind) {
            case MISSING_REQUIRED_FIELD -> JsonSplice.remove(template, f.path());
            case NULL_REQUIRED_FIELD -> splice(template, f, ascii("null"));
            case EMPTY_STRING -> splice(template, f, ascii("\"\""));
            case WRONG_TYPE -> splice(template, f, wrongType(f, original, random));
            case NUMBER_FOR_STRING -> splice(template, f, ascii(pick(random, List.of("12345", "0", "1.5", "-7", "1e3"))));
            case INTEGER_AS_FRACTION -> splice(template, f, ascii(pick(random, List.of("1.5", "42.9", "0.5", text + ".5"))));
            case INTEGER_AS_STRING -> splice(template, f, string(pick(random, List.of("42", "1", text))));
            case DECIMAL_AS_NUMBER -> splice(template, f, ascii(pick(random, List.of(text, "1.5", "2000.5", "1"))));
            case DECIMAL_WITH_WHITESPACE -> splice(template, f,
                    string(pick(random, List.of(text + " ", " " + text, "\t" + text, text + "\n", "1 ", "1 000"))));
            case HUGE_EXPONENT -> splice(template, f, f.type().isDecimal()
                    ? string(pick(random, List.of("1e2147483647", "1E+2147483647", "9e999999999", "1e-2147483647", "-1e2147483647")))
                    : ascii(pick(random, List.of("1e2147483647", "1E+400", "9e999999999"))));
            case SIXTY_DIGIT_NUMBER -> splice(template, f, f.type().isDecimal()
                    ? string(pick(random, List.of(SIXTY_DIGITS, "0." + SIXTY_DIGITS.substring(1), SIXTY_DIGITS + ".5")))
                    : ascii(SIXTY_DIGITS));
            case NAN_OR_INFINITY -> splice(template, f, random.nextBoolean()
                    ? string(pick(random, List.of("NaN", "Infinity", "-Infinity", "+Infinity", "nan", "inf")))
                    : ascii(pick(random, List.of("NaN", "Infinity", "-Infinity"))));
            case NEGATIVE_ZERO -> splice(template, f, f.type().isDecimal()
                    ? string(pick(random, List.of("-0", "-0.0", "-0.000000"))) : ascii("-0"));
            case ZERO_AMOUNT -> splice(template, f, f.type().isDecimal()
                    ? string(pick(random, List.of("0", "0.0", "0.000000000000000000", "00"))) : ascii("0"));
            case NEGATIVE_AMOUNT -> splice(template, f, f.type().isDecimal()
                    ? string(pick(random, List.of("-1", "-0.00000001", "-" + magnitude)))
                    : ascii(pick(random, List.of("-1", "-" + magnitude, Long.toString(Long.MIN_VALUE)))));
            case FAR_FUTURE_INSTANT -> splice(template, f, string(pick(random, List.of("2999-01-01T00:00:00Z",
                    "9999-12-31T23:59:59.999999999Z", "+999999999-12-31T23:59:59Z", "2200-06-01T12:00:00Z"))));
            case FAR_PAST_INSTANT -> splice(template, f, string(pick(random, List.of("0001-01-01T00:00:00Z",
                    "-999999999-01-01T00:00:00Z", "1000-01-01T00:00:00Z", "1899-12-31T23:59:59Z"))));
            case INSTANT_AS_NUMBER -> splice(template, f,
                    ascii(pick(random, List.of("1748779200", "1748779200000", "1748779200.5", "-1", "0"))));
            case GARBAGE_INSTANT -> splice(template, f, string(pick(random, List.of("yesterday", "2025-13-45T25:61:61Z",
                    "2025-06-01", "2025-06-01T12:00:00", "2025-06-01 12:00:00Z", "1748779200", "2025-06-01T12:00:00+99:00",
                    "T", "2025-02-30T00:00:00Z", "now"))));
            case UNICODE_TEXT -> splice(template, f, unicode(text, random));
            case INVALID_UTF8 -> splice(template, f, invalidUtf8(text, random));
            case SQL_METACHARACTERS -> splice(template, f, string(text + pick(random, SQL)));
            case UNKNOWN_TYPE -> splice(template, f, string(pick(random, List.of(text + "V2", text.toLowerCase(Locale.ROOT),
                    text + "s", "java.lang.Runtime", "__proto__", "null", "Unknown", text.substring(0, text.length() - 1)))));
            case UNKNOWN_ENUM -> splice(template, f, string(pick(random, List.of("HOLD", "LONG", text.toLowerCase(Locale.ROOT),
                    text + "_", "UNKNOWN", "null", " " + text))));
            case DUPLICATE_KEY -> splice(template, f, duplicate(f, original));
            case DEEPLY_NESTED -> splice(template, f, ascii(nested(random.nextBoolean())));
            default -> throw new IllegalArgumentException(kind + " is not a field mutation");
        };
        return new Mutated(value, kind + " at " + template.name() + "." + f.path());
    }

    private static byte[] splice(WireTemplate template, FieldSpec f, byte[] raw) {
        return JsonSplice.replaceValue(template, f.path(), raw);
    }

    private static byte[] wrongType(FieldSpec f, JsonNode original, Random random) {
        String json = new String(JsonSplice.write(original), StandardCharsets.UTF_8);
        if (f.type() == FieldType.OBJECT) {
            return ascii(pick(random, List.of("\"" + "object" + "\"", "42", "[]", "true", "[" + json + "]")));
        }
        if (f.type() == FieldType.BOOLEAN) {
            return ascii(pick(random, List.of("\"true\"", "1", "\"yes\"", "[true]", "{}")));
        }
        return ascii(pick(random, List.of("{}", "{\"value\":" + json + "}", "[]", "[" + json + "]", "true", "false")));
    }

    private static byte[] duplicate(FieldSpec f, JsonNode original) {
        String first = new String(JsonSplice.write(original), StandardCharsets.UTF_8);
        String second = new String(JsonSplice.write(f.alternative()), StandardCharsets.UTF_8);
        return ascii(first + ",\"" + f.name() + "\":" + second);
    }

    private static byte[] unicode(String text, Random random) {
        int choice = random.nextInt(UNICODE.size() + 3);
        if (choice == UNICODE.size()) {
            // A lone surrogate cannot be encoded as UTF-8; only the JSON escape can carry it.
            return ascii("\"" + text + "\\ud800\"");
        }
        if (choice == UNICODE.size() + 1) {
            return ascii("\"\\udfff" + text + "\"");
        }
        if (choice == UNICODE.size() + 2) {
            return string(fullWidth(text));
        }
        String insert = UNICODE.get(choice);
        int at = random.nextInt(text.length() + 1);
        return string(text.substring(0, at) + insert + text.substring(at));
    }

    private static String fullWidth(String text) {
        StringBuilder out = new StringBuilder();
        // Full-width forms look like ASCII on screen but are other code points (U+FF01..U+FF5E).
        text.chars().forEach(c -> out.append(c > 0x20 && c < 0x7F ? (char) (c - 0x21 + 0xFF01) : (char) c));
        return out.toString();
    }

    private static byte[] invalidUtf8(String text, Random random) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        byte[] bad = BAD_UTF8.get(random.nextInt(BAD_UTF8.size()));
        int at = random.nextInt(utf8.length + 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write('"');
        out.write(utf8, 0, at);
        out.write(bad, 0, bad.length);
        out.write(utf8, at, utf8.length - at);
        out.write('"');
        return out.toByteArray();
    }

    /** {@value #DEPTH} levels of arrays, or of objects, around a number. */
    static String nested(boolean arrays) {
        String open = arrays ? "[" : "{\"a\":";
        String close = arrays ? "]" : "}";
        return open.repeat(DEPTH) + "1" + close.repeat(DEPTH);
    }

    static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
