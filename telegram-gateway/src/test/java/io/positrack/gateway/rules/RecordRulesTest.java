package io.positrack.gateway.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.positrack.contracts.Topics;
import io.positrack.infra.RunSize;
import io.positrack.infra.fuzz.HostileRecord;
import io.positrack.infra.fuzz.HostileRecords;
import io.positrack.infra.fuzz.ValidTemplates;
import io.positrack.infra.fuzz.WireTemplate;
import io.positrack.runtime.consumer.Decoder;
import io.positrack.runtime.rules.ClockBounds;
import io.positrack.runtime.rules.OutsideClock;

/**
 * The gateway's readers, without Kafka: every record of the seeded campaign is refused before a handler sees
 * it, and the valid templates the campaign mutates still pass (so the rules do not simply refuse everything).
 * The broker-backed proof is {@code HostileCampaignTest}; this one names the record when a rule is missing.
 */
class RecordRulesTest {

    private static final long SEED = Long.getLong("positrack.hostile.seed", 20261201L);
    /** The same records as HostileCampaignTest's: its size, from the root pom. */
    private static final int COUNT = RunSize.of("positrack.hostile.count");
    /** The pipeline refuses larger values unread (positrack.consumer.max-value-bytes). */
    private static final int MAX_VALUE_BYTES = 262_144;

    private static final OutsideClock CLOCK = new OutsideClock(new ClockBounds() {
        @Override
        public java.time.Duration maxAhead() {
            return java.time.Duration.ofSeconds(5);
        }

        @Override
        public java.time.Duration maxBehind() {
            // The templates are dated at a fixed instant: this test is about the record rules, not the clock.
            return java.time.Duration.ofDays(36_500);
        }
    }, new io.micrometer.core.instrument.simple.SimpleMeterRegistry());

    private final RecordRules rules = new RecordRules(Pattern.compile("^[A-Z0-9]{2,20}([-_/][A-Z0-9]{2,10})?$"));

    @ParameterizedTest
    @ValueSource(strings = { Topics.COMMAND_RESULTS, Topics.POSITION_EVENTS, Topics.ALERTS, Topics.MARKET_TICKS })
    void everyHostileRecordOfTheCampaignIsRefusedBeforeAHandlerSeesIt(String topic) {
        Decoder<?> reader = reader(topic);
        List<String> accepted = new ArrayList<>();
        new HostileRecords(SEED, "gw-" + SEED).stream(topic, COUNT).forEach(r -> {
            if (reaches(reader, r)) {
                accepted.add(r + ": " + new String(r.value(), StandardCharsets.UTF_8));
            }
        });

        assertThat(accepted).as("hostile records a handler would have been given").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { Topics.COMMAND_RESULTS, Topics.POSITION_EVENTS, Topics.ALERTS, Topics.MARKET_TICKS })
    void theValidTemplatesTheCampaignStartsFromAreAccepted(String topic) {
        for (WireTemplate template : ValidTemplates.forTopic(topic, "gw-" + SEED, "gw-" + SEED + "-000001")) {
            assertThat(reader(topic).decode(template.bytes()).refusal()).as(template.name()).isNull();
        }
    }

    /** What the pipeline would hand to the handler: a non-empty value within the size bound that decodes. */
    private static boolean reaches(Decoder<?> reader, HostileRecord r) {
        return r.value() != null && r.value().length > 0 && r.value().length <= MAX_VALUE_BYTES && reader.decode(r.value()).valid();
    }

    private Decoder<?> reader(String topic) {
        return switch (topic) {
            case Topics.COMMAND_RESULTS -> rules.results();
            case Topics.POSITION_EVENTS -> rules.events();
            case Topics.ALERTS -> rules.alerts();
            case Topics.MARKET_TICKS -> rules.ticks(CLOCK);
            default -> throw new IllegalArgumentException(topic);
        };
    }
}
