package io.positrack.runtime.wire;

import java.io.IOException;
import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;

import io.positrack.runtime.consumer.Decoded;
import io.positrack.runtime.consumer.Decoder;
import io.positrack.runtime.consumer.Refusal;

/**
 * Bytes to a valid record of type {@code T}, or to the reason they are not one: strict parse ({@link WireJson}),
 * then the record's own checks. Never throws: whatever goes wrong becomes a {@link Refusal}.
 */
public final class WireReader<T> implements Decoder<T> {

    private final Class<T> type;
    private final String name;
    private final Function<T, List<String>> validator;

    private WireReader(Class<T> type, Function<T, List<String>> validator) {
        this.type = type;
        this.name = type.getSimpleName();
        this.validator = validator;
    }

    /** A reader for {@code type} whose values must also pass {@code validator} (problems found; empty = valid). */
    public static <T> WireReader<T> of(Class<T> type, Function<T, List<String>> validator) {
        return new WireReader<>(type, validator);
    }

    @Override
    public Decoded<T> decode(byte[] value) {
        Decoded<JsonNode> tree = readObject(value);
        return tree.valid() ? decodeTree(tree.value()) : Decoded.refused(tree.refusal(), null);
    }

    /**
     * Parses bytes into one JSON object, or the reason they are not one; for a consumer that looks at a field
     * (a type discriminator) before it knows which record to read.
     */
    public static Decoded<JsonNode> readObject(byte[] value) {
        String text;
        try {
            // The JDK's strict decoder, not Jackson's: it refuses overlong forms (C0 AF for '/'), encoded surrogates and
            // truncated sequences, which would otherwise slip characters past the id and symbol patterns.
            text = java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(value)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return Decoded.refused(Refusal.notJson("not well-formed UTF-8"), null);
        }
        JsonNode tree;
        try {
            tree = WireJson.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            return Decoded.refused(Refusal.notJson(Texts.bounded(e.getOriginalMessage(), 200)), null);
        } catch (IOException | RuntimeException e) {
            return Decoded.refused(Refusal.notJson(e.getClass().getSimpleName()), null);
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            return Decoded.refused(Refusal.empty("the value is JSON null"), null);
        }
        if (!tree.isObject()) {
            return Decoded.refused(Refusal.malformed("not a JSON object"), null);
        }
        return Decoded.of(tree, tree);
    }

    /** Binds and checks an already parsed JSON object. */
    public Decoded<T> decodeTree(JsonNode tree) {
        T parsed;
        try {
            parsed = WireJson.mapper().treeToValue(tree, type);
        } catch (InvalidTypeIdException e) {
            return Decoded.refused(e.getTypeId() == null || e.getTypeId().isEmpty() ? Refusal.malformed(name + ": type is missing")
                    : Refusal.unknownType("unknown " + name + " type '" + Texts.bounded(e.getTypeId(), 40) + "'"), tree);
        } catch (JsonMappingException e) {
            return Decoded.refused(Refusal.malformed("malformed " + name + ": " + describe(e)), tree);
        } catch (JsonProcessingException | RuntimeException e) {
            return Decoded.refused(Refusal.malformed("malformed " + name + ": " + e.getClass().getSimpleName()), tree);
        }
        if (parsed == null) {
            return Decoded.refused(Refusal.empty("no " + name), tree);
        }
        List<String> problems;
        try {
            problems = validator.apply(parsed);
        } catch (RuntimeException e) {
            // A check that throws is a bug of ours, but the record is still refused rather than stopping the consumer.
            return Decoded.refused(Refusal.invalid("invalid " + name + ": check failed with " + e.getClass().getName()), tree);
        }
        if (!problems.isEmpty()) {
            return Decoded.refused(Refusal.invalid("invalid " + name + ": " + String.join("; ", problems)), tree);
        }
        return Decoded.of(parsed, tree);
    }

    /** Jackson's message without its source location, prefixed with the field it is about. */
    static String describe(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        String message = Texts.bounded(e.getOriginalMessage(), 200);
        return path.length() == 0 ? message : "field '" + path + "': " + message;
    }
}
