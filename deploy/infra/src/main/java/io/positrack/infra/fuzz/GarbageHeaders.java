package io.positrack.infra.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Header names and values no producer of ours writes: empty, huge, binary, control characters, and forgeries
 * of the headers consumers and tracing read ({@code dead-letter-*}, {@code ce_*}, {@code traceparent}). A
 * consumer that copies input headers onto its dead letter must still put its own after them.
 *
 * <p>No lone surrogate in a name: the Kafka client sizes it as half a pair but encodes it as '?', and the broker
 * refuses the corrupt batch, so such a header can never reach a consumer.
 */
final class GarbageHeaders {

    private static final List<String> NAMES = List.of("", " ", "\u0000", "dead-letter-reason", "dead-letter-service",
            "dead-letter-topic", "dead-letter-offset", "__TypeId__", "ce_type", "ce_id", "ce_specversion", "traceparent",
            "content-type", "\uD83D\uDCA5", "\u202Eevil", "a\r\nInjected: yes", "\uFFFD", "kafka_key", "'; DROP TABLE inbox; --");

    private GarbageHeaders() {
    }

    static List<HostileHeader> generate(Random random) {
        List<HostileHeader> headers = new ArrayList<>();
        int count = 1 + random.nextInt(6);
        for (int i = 0; i < count; i++) {
            String name = random.nextInt(10) == 0 ? "x".repeat(10_000) : FieldMutations.pick(random, NAMES);
            headers.add(new HostileHeader(name, value(random)));
        }
        return headers;
    }

    private static byte[] value(Random random) {
        return switch (random.nextInt(9)) {
            case 0 -> null;
            case 1 -> new byte[0];
            case 2 -> RandomBytes.of(random, 1 + random.nextInt(1024));
            case 3 -> RandomBytes.of(random, 64 * 1024);
            case 4 -> new byte[] {(byte) 0xFF, (byte) 0xFE, 0, (byte) 0xC0, (byte) 0xAF};
            case 5 -> utf8("'; DROP TABLE inbox; --");
            case 6 -> utf8("position-commands");
            case 7 -> utf8("-1");
            default -> utf8("99999999999999999999999999");
        };
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
