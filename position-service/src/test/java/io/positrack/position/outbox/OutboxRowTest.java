package io.positrack.position.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class OutboxRowTest {

    @Test
    void aRowWeighsItsKeyPayloadAndHeadersInUtf8Bytes() {
        OutboxRow row = new OutboxRow(1, "position-events", "BTC", "{\"p\":\"é\"}", Map.of("ce_id", "x1"));

        // key 3 + payload 10 (é is two bytes) + header name 5 + value 2
        assertThat(row.bytes()).isEqualTo(3 + 10 + 5 + 2);
    }
}
