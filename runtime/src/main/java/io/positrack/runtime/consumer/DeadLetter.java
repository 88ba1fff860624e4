package io.positrack.runtime.consumer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

import io.positrack.contracts.Topics;

/**
 * The record a refusal becomes on {@code <topic>-dlq}: the original value (or, when larger than the bound, its
 * prefix with its length and SHA-256), the original headers while they fit, and the reason and origin. Bounded
 * by construction, so a dead letter can never be refused by the broker for its size.
 */
public record DeadLetter(String topic, String key, byte[] value, List<Header> headers) {

    public static final String REASON = "dead-letter-reason";
    public static final String REASON_CODE = "dead-letter-reason-code";
    public static final String TOPIC = "dead-letter-topic";
    public static final String PARTITION = "dead-letter-partition";
    public static final String OFFSET = "dead-letter-offset";
    public static final String SERVICE = "dead-letter-service";
    public static final String VALUE_LENGTH = "dead-letter-value-length";
    public static final String VALUE_SHA256 = "dead-letter-value-sha256";
    public static final String TRUNCATED = "dead-letter-truncated";
    public static final String HEADERS_DROPPED = "dead-letter-headers-dropped";

    static final int MAX_KEY_CHARS = 256;

    public static DeadLetter of(ConsumerRecord<String, byte[]> record, String service, Refusal refusal, int maxValueBytes,
            int maxHeaderBytes) {
        byte[] original = record.value();
        boolean truncated = original != null && original.length > maxValueBytes;
        byte[] value = original == null ? null : truncated ? Arrays.copyOf(original, maxValueBytes) : original;

        List<Header> headers = new ArrayList<>();
        int originalHeaderBytes = 0;
        int originalHeaderCount = 0;
        for (Header h : record.headers()) {
            originalHeaderCount++;
            originalHeaderBytes += (h.key() == null ? 0 : h.key().length()) + (h.value() == null ? 0 : h.value().length);
        }
        boolean copyHeaders = originalHeaderBytes <= maxHeaderBytes;
        if (copyHeaders) {
            for (Header h : record.headers()) {
                // Our own names are ours to set: a producer cannot forge a reason or an origin.
                if (h.key() != null && !h.key().startsWith("dead-letter-")) {
                    headers.add(h);
                }
            }
        } else {
            headers.add(header(HEADERS_DROPPED, Integer.toString(originalHeaderCount)));
        }
        headers.add(header(REASON, refusal.detail()));
        headers.add(header(REASON_CODE, refusal.code().tag()));
        headers.add(header(TOPIC, record.topic()));
        headers.add(header(PARTITION, Integer.toString(record.partition())));
        headers.add(header(OFFSET, Long.toString(record.offset())));
        headers.add(header(SERVICE, service));
        headers.add(header(VALUE_LENGTH, original == null ? "null" : Integer.toString(original.length)));
        if (original != null) {
            headers.add(header(VALUE_SHA256, sha256(original)));
        }
        headers.add(header(TRUNCATED, Boolean.toString(truncated)));
        return new DeadLetter(Topics.dlq(record.topic()), boundedKey(record.key()), value, List.copyOf(headers));
    }

    /** The smallest letter that still says what and where: for the case the broker refused the full one. */
    public DeadLetter minimal() {
        List<Header> kept = headers.stream().filter(h -> h.key().startsWith("dead-letter-")).toList();
        List<Header> marked = new ArrayList<>(kept.stream().filter(h -> !h.key().equals(TRUNCATED)).toList());
        marked.add(header(TRUNCATED, "true"));
        return new DeadLetter(topic, key, null, List.copyOf(marked));
    }

    /** The value of one of the letter's headers, or null. */
    public String header(String name) {
        for (Header h : headers) {
            if (h.key().equals(name)) {
                return h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    static String boundedKey(String key) {
        if (key == null || key.length() <= MAX_KEY_CHARS) {
            return key;
        }
        return "sha256:" + sha256(key.getBytes(StandardCharsets.UTF_8));
    }

    private static Header header(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
