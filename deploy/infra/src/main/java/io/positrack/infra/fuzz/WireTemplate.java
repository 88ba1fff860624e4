package io.positrack.infra.fuzz;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A valid record of one contract type in its wire form, and what a strict consumer demands of its fields: the
 * starting point every JSON mutation is derived from.
 *
 * @param name the contract type, e.g. {@code OpenPosition}, {@code OrderUpdate FILLED}
 */
public record WireTemplate(String topic, String name, ObjectNode json, List<FieldSpec> fields) {

    static final ObjectMapper JSON = new ObjectMapper();

    public WireTemplate {
        json = json.deepCopy();
        fields = List.copyOf(fields);
    }

    /** A copy: callers may mutate it. */
    @Override
    public ObjectNode json() {
        return json.deepCopy();
    }

    public byte[] bytes() {
        try {
            return JSON.writeValueAsBytes(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    JsonNode valueAt(String path) {
        JsonNode node = json;
        for (String segment : path.split("\\.")) {
            node = node.get(segment);
        }
        return node;
    }
}
