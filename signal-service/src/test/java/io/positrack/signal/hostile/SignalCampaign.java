package io.positrack.signal.hostile;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.common.TopicPartition;

import io.positrack.contracts.Topics;
import io.positrack.infra.RunSize;
import io.positrack.infra.fuzz.CampaignFigures;
import io.positrack.infra.fuzz.HostileCampaign;
import io.positrack.infra.fuzz.HostileRecords;

/**
 * Issue 14's campaign against signal-service's three input topics: the seed comes from {@code positrack.hostile.seed}
 * and the size from the property the test names ({@code positrack.hostile.count} or {@code positrack.hostile.kill-count},
 * set in the root pom), so a failing run can be replayed exactly.
 */
final class SignalCampaign implements AutoCloseable {

    static final List<String> TOPICS = List.of(Topics.BOT_COMMANDS, Topics.MARKET_TICKS, Topics.POSITION_EVENTS);
    static final long DEFAULT_SEED = 20261201L;

    final long seed;
    final int count;
    final HostileRecords generator;
    private final String bootstrapServers;
    private final HostileCampaign campaign;

    SignalCampaign(String bootstrapServers, String sizeProperty) {
        this.seed = Long.getLong("positrack.hostile.seed", DEFAULT_SEED);
        this.count = RunSize.of(sizeProperty);
        this.generator = new HostileRecords(seed, "sig-" + seed);
        this.bootstrapServers = bootstrapServers;
        this.campaign = new HostileCampaign(bootstrapServers, generator);
    }

    /** Records {@code from} to {@code to - 1} of every topic, the three topics at once; returns when the broker has them all. */
    Map<String, CampaignFigures> send(int from, int to) {
        Map<String, CompletableFuture<CampaignFigures>> sending = new LinkedHashMap<>();
        TOPICS.forEach(topic -> sending.put(topic, CompletableFuture.supplyAsync(() -> campaign.send(topic, from, to))));
        Map<String, CampaignFigures> figures = new LinkedHashMap<>();
        sending.forEach((topic, f) -> figures.put(topic, f.join()));
        return figures;
    }

    /** The end offsets of every input topic now: what the consumers must get past. */
    Map<String, Map<TopicPartition, Long>> ends(GroupProgress progress) {
        Map<String, Map<TopicPartition, Long>> ends = new LinkedHashMap<>();
        TOPICS.forEach(topic -> ends.put(topic, progress.endOffsets(topic)));
        return ends;
    }

    /**
     * Waits until signal-service's group has committed past {@code ends} on every topic; returns, per topic, the
     * milliseconds from {@code startedNanos} until that was seen (to the next half second, plus the commit interval).
     */
    Map<String, Long> awaitConsumed(GroupProgress progress, Map<String, Map<TopicPartition, Long>> ends, long startedNanos,
            Duration atMost) {
        Map<String, Long> done = new TreeMap<>();
        await("signal-service consumed the campaign").atMost(atMost).pollInterval(Duration.ofMillis(500)).until(() -> {
            ends.forEach((topic, end) -> {
                if (!done.containsKey(topic) && progress.reached(end)) {
                    done.put(topic, (System.nanoTime() - startedNanos) / 1_000_000);
                }
            });
            return done.size() == ends.size();
        });
        return done;
    }

    CampaignLetters letters(String topic, int from, int to) {
        return CampaignLetters.read(bootstrapServers, generator, topic, from, to);
    }

    void print(String test, CampaignFigures figures, long sentMs, long deadLetteredMs, CampaignLetters letters) {
        System.out.printf("HostileCampaign: test=%s topic=%s seed=%d records=%d bytes=%d largest=%d sentMs=%d deadLetteredMs=%d"
                + " duplicates=%d%n  kinds=%s%n  reasons=%s%n", test, figures.topic(), seed, figures.records(), figures.bytes(),
                figures.largestValueBytes(), sentMs, deadLetteredMs, letters.duplicates(), new TreeMap<>(figures.recordsByKind()),
                letters.byReasonCode());
    }

    @Override
    public void close() {
        campaign.close();
    }
}
