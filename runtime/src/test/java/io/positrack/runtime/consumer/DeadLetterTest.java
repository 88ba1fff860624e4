package io.positrack.runtime.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class DeadLetterTest {

    private static ConsumerRecord<String, byte[]> record(String key, byte[] value) {
        return new ConsumerRecord<>("position-commands", 2, 41L, key, value);
    }

    @Test
    void aSmallRecordIsKeptWholeWithItsReasonAndOrigin() {
        ConsumerRecord<String, byte[]> record = record("XAUUSD", "{oops".getBytes(StandardCharsets.UTF_8));
        record.headers().add("ce_id", "abc".getBytes(StandardCharsets.UTF_8));
        DeadLetter letter = DeadLetter.of(record, "position-service", Refusal.notJson("unexpected end"), 16, 64);
        assertThat(letter.topic()).isEqualTo("position-commands-dlq");
        assertThat(letter.value()).isEqualTo(record.value());
        assertThat(letter.header(DeadLetter.REASON)).isEqualTo("not JSON: unexpected end");
        assertThat(letter.header(DeadLetter.REASON_CODE)).isEqualTo("not_json");
        assertThat(letter.header(DeadLetter.PARTITION)).isEqualTo("2");
        assertThat(letter.header(DeadLetter.OFFSET)).isEqualTo("41");
        assertThat(letter.header(DeadLetter.SERVICE)).isEqualTo("position-service");
        assertThat(letter.header(DeadLetter.TRUNCATED)).isEqualTo("false");
        assertThat(letter.header("ce_id")).isEqualTo("abc");
    }

    @Test
    void anOversizedRecordKeepsABoundedPrefixItsLengthAndItsHash() {
        byte[] huge = new byte[2_000_000];
        new Random(7).nextBytes(huge);
        DeadLetter letter = DeadLetter.of(record("k", huge), "svc", Refusal.oversized("too big"), 16_384, 8_192);
        assertThat(letter.value()).hasSize(16_384);
        assertThat(letter.header(DeadLetter.VALUE_LENGTH)).isEqualTo("2000000");
        assertThat(letter.header(DeadLetter.VALUE_SHA256)).isEqualTo(DeadLetter.sha256(huge)).hasSize(64);
        assertThat(letter.header(DeadLetter.TRUNCATED)).isEqualTo("true");
    }

    @Test
    void headersTooLargeToCopyAreDroppedAndCounted() {
        ConsumerRecord<String, byte[]> record = record("k", new byte[] { 1 });
        record.headers().add("junk", new byte[10_000]);
        record.headers().add("more", new byte[10]);
        DeadLetter letter = DeadLetter.of(record, "svc", Refusal.notJson("x"), 16_384, 8_192);
        assertThat(letter.header("junk")).isNull();
        assertThat(letter.header(DeadLetter.HEADERS_DROPPED)).isEqualTo("2");
    }

    @Test
    void aProducerCannotForgeTheReasonOrOriginHeaders() {
        ConsumerRecord<String, byte[]> record = record("k", new byte[] { 1 });
        record.headers().add(DeadLetter.REASON, "all fine".getBytes(StandardCharsets.UTF_8));
        DeadLetter letter = DeadLetter.of(record, "svc", Refusal.notJson("x"), 16, 8_192);
        assertThat(letter.headers().stream().filter(h -> h.key().equals(DeadLetter.REASON)).count()).isEqualTo(1);
        assertThat(letter.header(DeadLetter.REASON)).isEqualTo("not JSON: x");
    }

    @Test
    void aNullValueAndAHugeKeyStayBounded() {
        DeadLetter letter = DeadLetter.of(record("K".repeat(100_000), null), "svc", Refusal.empty("null value"), 16, 8_192);
        assertThat(letter.value()).isNull();
        assertThat(letter.header(DeadLetter.VALUE_LENGTH)).isEqualTo("null");
        assertThat(letter.key()).startsWith("sha256:").hasSize(71);
    }

    @Test
    void theMinimalLetterKeepsOnlyReasonAndOrigin() {
        ConsumerRecord<String, byte[]> record = record("k", "abc".getBytes(StandardCharsets.UTF_8));
        record.headers().add("ce_id", "abc".getBytes(StandardCharsets.UTF_8));
        DeadLetter minimal = DeadLetter.of(record, "svc", Refusal.notJson("x"), 16, 8_192).minimal();
        assertThat(minimal.value()).isNull();
        assertThat(minimal.header("ce_id")).isNull();
        assertThat(minimal.header(DeadLetter.OFFSET)).isEqualTo("41");
        assertThat(minimal.header(DeadLetter.TRUNCATED)).isEqualTo("true");
    }

    @Test
    void aReasonIsBoundedAndPrintable() {
        Refusal refusal = Refusal.invalid("bad\u0000" + "x".repeat(5000));
        assertThat(refusal.detail()).hasSizeLessThanOrEqualTo(Refusal.MAX_DETAIL + 1).doesNotContain("\u0000");
    }
}
