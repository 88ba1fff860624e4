package io.positrack.infra.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * Puts bytes where a field's value was in a template's serialized JSON. Jackson cannot write what we need
 * (bare NaN, lone surrogates, malformed UTF-8, duplicate names), so the value is written as a placeholder
 * first and the placeholder replaced in the bytes.
 */
final class JsonSplice {

    private static final String PLACEHOLDER = "@@positrack-hostile-splice@@";
    private static final byte[] QUOTED = ("\"" + PLACEHOLDER + "\"").getBytes(StandardCharsets.US_ASCII);

    private JsonSplice() {
    }

    static byte[] replaceValue(WireTemplate template, String path, byte[] rawValue) {
        ObjectNode json = template.json();
        parentOf(json, path).set(last(path), TextNode.valueOf(PLACEHOLDER));
        byte[] serialized = write(json);
        int at = indexOf(serialized, QUOTED);
        ByteArrayOutputStream out = new ByteArrayOutputStream(serialized.length + rawValue.length);
        out.write(serialized, 0, at);
        out.write(rawValue, 0, rawValue.length);
        out.write(serialized, at + QUOTED.length, serialized.length - at - QUOTED.length);
        return out.toByteArray();
    }

    static byte[] replaceValue(WireTemplate template, String path, JsonNode value) {
        ObjectNode json = template.json();
        parentOf(json, path).set(last(path), value);
        return write(json);
    }

    static byte[] remove(WireTemplate template, String path) {
        ObjectNode json = template.json();
        parentOf(json, path).remove(last(path));
        return write(json);
    }

    /** A JSON string literal, UTF-8, as Jackson writes it (non-ASCII raw, control characters escaped). */
    static byte[] string(String text) {
        return write(TextNode.valueOf(text));
    }

    static byte[] ascii(String rawJson) {
        return rawJson.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] write(JsonNode json) {
        try {
            return WireTemplate.JSON.writeValueAsBytes(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode parentOf(ObjectNode root, String path) {
        ObjectNode node = root;
        String[] segments = path.split("\\.");
        for (int i = 0; i < segments.length - 1; i++) {
            node = (ObjectNode) node.get(segments[i]);
        }
        return node;
    }

    private static String last(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("placeholder not found");
    }
}
