package io.positrack.signal.hostile;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.positrack.infra.fuzz.DeadLetter;
import io.positrack.infra.fuzz.DeadLetterReader;
import io.positrack.infra.fuzz.HostileRecord;
import io.positrack.infra.fuzz.HostileRecords;

/**
 * signal-service's dead letters of one topic's campaign records, as read from {@code <topic>-dlq}: which records
 * have none (accepted, or lost), which have more than one, which have no reason.
 *
 * @param missing the records without a dead letter, with how they were made (kind and mutated field)
 * @param duplicates dead letters beyond the first of a record
 * @param withoutReason dead letters whose reason header is missing or blank
 * @param elsewhere dead letters whose origin header names another topic
 * @param byReasonCode how many records were refused for which reason code (first letter of each)
 */
record CampaignLetters(String topic, int records, List<HostileRecord> missing, int duplicates, List<DeadLetter> withoutReason,
        List<DeadLetter> elsewhere, Map<String, Long> byReasonCode) {

    static final String SERVICE = "signal-service";
    private static final Duration READ_TIMEOUT = Duration.ofMinutes(2);

    /** The letters of records {@code from} to {@code to - 1} of the generator on {@code topic}. */
    static CampaignLetters read(String bootstrapServers, HostileRecords generator, String topic, int from, int to) {
        List<DeadLetter> ours = DeadLetterReader.readFor(bootstrapServers, topic, READ_TIMEOUT).stream()
                .filter(l -> SERVICE.equals(l.service()))
                .filter(l -> generator.indexOf(l.key()) >= from && generator.indexOf(l.key()) < to)
                .toList();
        Map<String, List<DeadLetter>> byKey = DeadLetterReader.byKey(ours);
        List<HostileRecord> missing = java.util.stream.IntStream.range(from, to)
                .filter(i -> !byKey.containsKey(generator.key(i)))
                .mapToObj(i -> generator.record(topic, i)).toList();
        int duplicates = byKey.values().stream().mapToInt(letters -> letters.size() - 1).sum();
        List<DeadLetter> withoutReason = ours.stream().filter(l -> l.reason() == null || l.reason().isBlank()).toList();
        List<DeadLetter> elsewhere = ours.stream().filter(l -> !topic.equals(l.origin().topic())).toList();
        Map<String, Long> byCode = byKey.values().stream()
                .collect(Collectors.groupingBy(letters -> String.valueOf(letters.get(0).headers().get("dead-letter-reason-code")),
                        TreeMap::new, Collectors.counting()));
        return new CampaignLetters(topic, to - from, missing, duplicates, withoutReason, elsewhere, byCode);
    }

    /** One line per record without a letter, for a failure message. */
    String describeMissing() {
        return missing.stream().limit(200).map(HostileRecord::toString).collect(Collectors.joining("\n  ", "\n  ",
                missing.size() > 200 ? "\n  ... and " + (missing.size() - 200) + " more" : ""));
    }
}
