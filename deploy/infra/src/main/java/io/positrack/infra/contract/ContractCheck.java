package io.positrack.infra.contract;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import io.positrack.contracts.Topics;
import io.positrack.contracts.schema.RecordSchemas;
import io.positrack.contracts.schema.SchemaProblem;

/**
 * Holds the records of Positrack's own producers that a test sees to their contract (the AsyncAPI document and its
 * JSON Schemas, through {@link RecordSchemas}), and leaves alone the records tests write themselves: hostile input,
 * fuzz campaigns, stand-ins for another service. A record is ours when
 * <ul>
 * <li>it is on a dead-letter topic: only our consumers write there. Its value is whatever the refused record held,
 * so only its {@code dead-letter-*} headers are checked;</li>
 * <li>or it names one of our services as its CloudEvents source ({@code ce_source} {@code /positrack/...}): the
 * outbox relay, signal-service's answers and signals. No test and no fuzz generator writes that header;</li>
 * <li>or the recorder was started {@link Scope#EVERY_RECORD} because the topic is an output of the service under
 * test that no test writes to (its results, its commands), which also covers the records our producers send
 * without CloudEvents headers ({@code REJECTED_INVALID} results, signal-service's position commands).</li>
 * </ul>
 */
public final class ContractCheck {

    private static final String OUR_SOURCE = "/positrack/";

    /** Which records of a topic are Positrack's. */
    public enum Scope {
        /** Dead letters, and records whose {@code ce_source} is one of our services: the rest may be a test's. */
        OURS_BY_SOURCE,
        /** Every record: the topic is an output of the service under test and no test writes to it. */
        EVERY_RECORD
    }

    private final Scope scope;
    private final List<RecordViolation> violations = new CopyOnWriteArrayList<>();
    private final AtomicLong checked = new AtomicLong();
    private final AtomicLong left = new AtomicLong();

    public ContractCheck(Scope scope) {
        this.scope = scope;
    }

    /** Checks one record if it is ours; what it breaks is kept in {@link #violations()}. */
    public void check(ConsumerRecord<String, String> record) {
        Map<String, String> headers = headers(record);
        boolean deadLetter = record.topic().endsWith(Topics.DLQ_SUFFIX);
        String source = headers.get("ce_source");
        boolean ours = deadLetter || (source != null && source.startsWith(OUR_SOURCE)) || scope == Scope.EVERY_RECORD;
        if (!ours) {
            left.incrementAndGet();
            return;
        }
        checked.incrementAndGet();
        List<SchemaProblem> problems;
        try {
            problems = RecordSchemas.get().check(record.topic(), headers, record.value());
        } catch (RuntimeException e) {
            // On the recorder's thread an exception would end the recording silently: report it as the record's problem.
            problems = List.of(new SchemaProblem(SchemaProblem.Part.VALUE, "", "the contract check failed: " + e));
        }
        problems.forEach(problem -> violations.add(
                new RecordViolation(record.topic(), record.partition(), record.offset(), record.key(), problem, record.value())));
    }

    public List<RecordViolation> violations() {
        return List.copyOf(violations);
    }

    /** How many records were held to their contract. */
    public long checked() {
        return checked.get();
    }

    /** How many were left alone as not ours. */
    public long leftAlone() {
        return left.get();
    }

    /** Fails, naming every violation, if any record of ours broke its contract. */
    public void assertConforming() {
        List<RecordViolation> found = violations();
        if (found.isEmpty()) {
            return;
        }
        StringBuilder text = new StringBuilder().append(found.size())
                .append(" contract violation(s) in records of Positrack's producers (contracts/src/main/resources/asyncapi, ")
                .append("docs/event-contracts.md): fix the producer, or the schema if the record is right");
        found.stream().limit(20).forEach(v -> text.append("\n  ").append(v));
        if (found.size() > 20) {
            text.append("\n  … and ").append(found.size() - 20).append(" more");
        }
        throw new AssertionError(text.toString());
    }

    /** The last value of each header, as text (what a consumer reading the CloudEvents binding sees). */
    static Map<String, String> headers(ConsumerRecord<String, String> record) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header h : record.headers()) {
            if (h.key() != null) {
                headers.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
            }
        }
        return headers;
    }
}
