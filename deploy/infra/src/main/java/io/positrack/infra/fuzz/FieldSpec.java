package io.positrack.infra.fuzz;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One field of a {@link WireTemplate} that mutations may target.
 *
 * @param path dotted path from the record's root, e.g. {@code position.symbol}
 * @param required whether a strict consumer refuses the record without it (inside a present parent object)
 * @param alternative a second valid value, different from the template's, for {@link HostileKind#DUPLICATE_KEY};
 *     {@code null} when the field has only one valid value
 */
public record FieldSpec(String path, FieldType type, boolean required, JsonNode alternative) {

    /** The last segment of the path: the JSON name. */
    public String name() {
        return path.substring(path.lastIndexOf('.') + 1);
    }
}
