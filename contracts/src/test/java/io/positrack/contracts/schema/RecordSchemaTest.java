package io.positrack.contracts.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import io.positrack.contracts.position.Origin;
import io.positrack.contracts.position.PositionEvent;
import io.positrack.contracts.position.PositionEventType;
import io.positrack.contracts.position.PositionSnapshot;
import io.positrack.contracts.position.PositionStatus;
import io.positrack.contracts.position.Side;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The JSON Schemas in asyncapi/schemas describe what the records really serialize to: a fully populated
 * record passes (so a field added in code and not in the schema fails here), an extra field or a wrong type fails.
 */
class RecordSchemaTest {

    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            builder -> builder.schemaMappers(m -> m.mapPrefix("https://positrack.io/schemas/", "classpath:asyncapi/schemas/")));

    private static JsonSchema schema(String file) {
        return FACTORY.getSchema(SchemaLocation.of("https://positrack.io/schemas/" + file));
    }

    private static PositionEvent fullEvent() {
        Instant t = Instant.parse("2026-11-21T05:01:02.128010Z");
        BigDecimal d = new BigDecimal("2650.15");
        PositionSnapshot p = new PositionSnapshot(42, "acc-1", "paper", "XAUUSD", Side.BUY, PositionStatus.CLOSED, d, d, d, d, d, d,
                d, d, "TAKE_PROFIT", Origin.SIGNAL, "sig-1", "e-1", "x-1", 1, 3, t, t, t);
        return new PositionEvent("position-42-v3", PositionEventType.PositionClosed, 42, 3, "tg-1", t, p);
    }

    @Test
    void fullyPopulatedPositionEventConforms() {
        assertThat(schema("PositionEvent.json").validate(MAPPER.valueToTree(fullEvent()))).isEmpty();
    }

    @Test
    void extraFieldInSnapshotIsAViolation() {
        ObjectNode tree = MAPPER.valueToTree(fullEvent());
        ((ObjectNode) tree.get("position")).put("leverage", "10"); // no such field in the contract
        assertThat(schema("PositionEvent.json").validate(tree)).isNotEmpty();
    }

    @Test
    void numberWhereADecimalStringBelongsIsAViolation() {
        ObjectNode tree = MAPPER.valueToTree(fullEvent());
        ((ObjectNode) tree.get("position")).put("quantity", 1.5);
        assertThat(schema("PositionEvent.json").validate(tree)).isNotEmpty();
    }
}
