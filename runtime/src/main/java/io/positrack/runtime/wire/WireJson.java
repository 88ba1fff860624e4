package io.positrack.runtime.wire;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;

/**
 * The strict reader every consumer parses its records with. Where Quarkus' own mapper is lenient (numbers
 * for strings, {@code 1.5} for an integer, {@code "1 "} for a decimal, duplicate keys, trailing garbage), this
 * one refuses; decimals and instants follow {@link WireDecimals} and {@link WireInstants}; nesting, number and
 * string lengths are bounded while parsing, so a hostile record costs little before it is refused. Unknown
 * properties are ignored on purpose: a producer one version ahead may add a field without stopping us.
 */
public final class WireJson {

    /** Deeper than any record of ours (a result with snapshots is 4 levels). */
    public static final int MAX_DEPTH = 16;
    /** Longer than any string field of ours needs; whole records are bounded by the consumer's size check. */
    public static final int MAX_STRING_CHARS = 65_536;

    private static final ObjectMapper MAPPER = build();

    private WireJson() {
    }

    /** Thread-safe; configured once. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    private static ObjectMapper build() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_DEPTH)
                        .maxNumberLength(64)
                        .maxStringLength(MAX_STRING_CHARS)
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        SimpleModule wire = new SimpleModule("positrack-wire")
                .addDeserializer(BigDecimal.class, new DecimalDeserializer())
                .addDeserializer(Instant.class, new InstantDeserializer())
                .addDeserializer(String.class, new TextDeserializer());
        wire.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyEnumDeserializer(DeserializationConfig config, JavaType type, BeanDescription description,
                    JsonDeserializer<?> deserializer) {
                return new ExactEnumDeserializer(type.getRawClass());
            }
        });
        ObjectMapper mapper = JsonMapper.builder(factory)
                .addModule(wire)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .build();
        mapper.coercionConfigDefaults()
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        return mapper;
    }

    /** Decimals travel as strings ({@link WireDecimals}); a JSON number is refused, whatever its value. */
    static final class DecimalDeserializer extends StdScalarDeserializer<BigDecimal> {
        DecimalDeserializer() {
            super(BigDecimal.class);
        }

        @Override
        public BigDecimal deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                throw InvalidFormatException.from(p, "a decimal travels as a string such as \"12.5\"", null, BigDecimal.class);
            }
            WireDecimals.Parsed parsed = WireDecimals.parse(p.getText());
            if (!parsed.valid()) {
                throw InvalidFormatException.from(p, parsed.problem(), null, BigDecimal.class);
            }
            return parsed.value();
        }
    }

    /** Instants travel as ISO-8601 strings ({@link WireInstants}); epoch numbers are refused. */
    static final class InstantDeserializer extends StdScalarDeserializer<Instant> {
        InstantDeserializer() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                throw InvalidFormatException.from(p, "an instant travels as an ISO-8601 string", null, Instant.class);
            }
            WireInstants.Parsed parsed = WireInstants.parse(p.getText());
            if (!parsed.valid()) {
                throw InvalidFormatException.from(p, parsed.problem(), null, Instant.class);
            }
            return parsed.value();
        }
    }

    /**
     * An enum takes its constant's exact name and nothing else: Jackson's own reader trims whitespace, so {@code " BUY"}
     * would pass as {@code BUY}.
     */
    static final class ExactEnumDeserializer extends StdScalarDeserializer<Enum<?>> {
        private final java.util.Map<String, Enum<?>> constants = new java.util.HashMap<>();
        private final String names;

        @SuppressWarnings({ "unchecked", "rawtypes" })
        ExactEnumDeserializer(Class<?> type) {
            super((Class) type);
            for (Object constant : type.getEnumConstants()) {
                constants.put(((Enum<?>) constant).name(), (Enum<?>) constant);
            }
            this.names = String.join(", ", new java.util.TreeSet<>(constants.keySet()));
        }

        @Override
        public Enum<?> deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            boolean text = p.currentToken() == JsonToken.VALUE_STRING;
            Enum<?> constant = text ? constants.get(p.getText()) : null;
            if (constant == null) {
                String given = text ? "'" + Texts.bounded(p.getText(), 40) + "'" : String.valueOf(p.currentToken());
                throw InvalidFormatException.from(p, given + " is not one of " + names, null, handledType());
            }
            return constant;
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.Enum;
        }
    }

    /** A string field takes a JSON string only, never a number, boolean or structure, and never a NUL (PostgreSQL text cannot hold one). */
    static final class TextDeserializer extends StdScalarDeserializer<String> {
        TextDeserializer() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                throw InvalidFormatException.from(p, "expected a string, got " + p.currentToken(), null, String.class);
            }
            String text = p.getText();
            if (text.indexOf('\u0000') >= 0) {
                throw InvalidFormatException.from(p, "strings may not contain NUL", null, String.class);
            }
            return text;
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.Textual;
        }
    }
}
