package io.positrack.infra.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.positrack.contracts.Topics;
import io.positrack.contracts.alert.Alert;
import io.positrack.contracts.bot.BotCommand;
import io.positrack.contracts.market.MarketTick;
import io.positrack.contracts.position.CommandResult;
import io.positrack.contracts.position.PositionCommand;
import io.positrack.contracts.position.PositionEvent;
import io.positrack.contracts.venue.OrderUpdate;
import io.positrack.contracts.venue.VenuePositionReport;

class HostileRecordsTest {

    private static final int CAMPAIGN = 10_000;
    private static final long SEED = 20250601L;

    static List<String> topics() {
        return Topics.ALL;
    }

    @ParameterizedTest
    @MethodSource("topics")
    void sameSeedGivesByteIdenticalRecordsAndAnotherSeedDoesNot(String topic) {
        String first = digest(new HostileRecords(SEED, "fz"), topic);
        String again = digest(new HostileRecords(SEED, "fz"), topic);
        String other = digest(new HostileRecords(SEED + 1, "fz"), topic);

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void aRecordDoesNotDependOnWhatWasGeneratedBeforeIt() {
        HostileRecords generator = new HostileRecords(SEED);
        HostileRecord late = generator.batch(Topics.VENUE_EVENTS, 500).records().get(499);

        assertThat(new HostileRecords(SEED).record(Topics.VENUE_EVENTS, 499)).isEqualTo(late);
    }

    @ParameterizedTest
    @MethodSource("topics")
    void tenThousandRecordsContainEveryApplicableKindAndStayWithinTheSizeBudget(String topic) {
        long started = System.nanoTime();
        HostileBatch batch = new HostileRecords(SEED).batch(topic, CAMPAIGN);
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("%s: %,d records of %d kinds, %,d bytes, largest value %,d, generated in %,d ms%n", topic,
                batch.records().size(), batch.countsByKind().size(), batch.totalBytes(), batch.largestValueBytes(), millis);

        assertThat(batch.countsByKind().keySet()).containsExactlyInAnyOrderElementsOf(HostileRecords.kindsFor(topic));
        assertThat(batch.largestValueBytes()).isEqualTo(FuzzLimits.MAX_VALUE_BYTES);
        assertThat(batch.totalBytes()).isBetween(50_000_000L, 100_000_000L);
    }

    @Test
    void everyKindIsMadeForSomeTopicAndEveryTopicGetsTheStructuralKinds() {
        Set<HostileKind> union = EnumSet.noneOf(HostileKind.class);
        Topics.ALL.forEach(t -> union.addAll(HostileRecords.kindsFor(t)));

        assertThat(union).containsExactlyInAnyOrder(HostileKind.values());
        for (String topic : Topics.ALL) {
            assertThat(HostileRecords.kindsFor(topic)).contains(HostileKind.RANDOM_BYTES, HostileKind.TRUNCATED_JSON,
                    HostileKind.MISSING_REQUIRED_FIELD, HostileKind.WRONG_TYPE, HostileKind.FAR_FUTURE_INSTANT,
                    HostileKind.SQL_METACHARACTERS, HostileKind.GARBAGE_HEADERS, HostileKind.NULL_VALUE);
        }
    }

    @ParameterizedTest
    @MethodSource("topics")
    void everyGeneratedRecordIsRefusedByAStrictReading(String topic) {
        List<String> accepted = new ArrayList<>();
        new HostileRecords(SEED).stream(topic, CAMPAIGN).forEach(r -> {
            if (StrictReader.accepts(topic, r.value())) {
                accepted.add(r + ": " + new String(r.value(), StandardCharsets.UTF_8));
            }
        });

        assertThat(accepted).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("topics")
    void templatesAreValidContractRecordsThatTheStrictReadingAccepts(String topic) throws Exception {
        ObjectMapper contracts = new ObjectMapper().registerModule(new JavaTimeModule())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        for (WireTemplate template : ValidTemplates.forTopic(topic, "fz", "fz-000001")) {
            Class<?> type = switch (topic) {
                case Topics.POSITION_COMMANDS -> PositionCommand.class;
                case Topics.VENUE_EVENTS -> template.name().equals("PositionReport") ? VenuePositionReport.class : OrderUpdate.class;
                case Topics.MARKET_TICKS -> MarketTick.class;
                case Topics.BOT_COMMANDS -> BotCommand.class;
                case Topics.POSITION_EVENTS -> PositionEvent.class;
                case Topics.COMMAND_RESULTS -> CommandResult.class;
                case Topics.SIGNALS -> io.positrack.contracts.signal.SignalIssued.class;
                default -> Alert.class;
            };
            assertThat(contracts.readValue(template.bytes(), type)).as(template.name()).isNotNull();
            assertThat(StrictReader.accepts(topic, template.bytes())).as(template.name()).isTrue();
        }
    }

    @Test
    void keysCarryTheMarkerAndIndexAndAccountsCarryTheMarker() {
        HostileRecords generator = new HostileRecords(SEED, "fz-test");
        List<HostileRecord> records = generator.batch(Topics.POSITION_COMMANDS, 2_000).records();

        for (HostileRecord r : records) {
            assertThat(generator.indexOf(r.key())).isEqualTo(r.index());
        }
        long withMarker = records.stream().filter(r -> r.value() != null
                && new String(r.value(), StandardCharsets.ISO_8859_1).contains("\"fz-test")).count();
        assertThat(withMarker).as("JSON records with the marker in an id or the account").isGreaterThan(records.size() * 7L / 10);
        assertThat(generator.indexOf("someone-else-000001")).isEqualTo(-1);
    }

    @Test
    void garbageHeaderRecordsCarryHeadersAndOtherKindsNone() {
        Map<Boolean, List<HostileRecord>> split = new HostileRecords(SEED).batch(Topics.ALERTS, 2_000).records().stream()
                .collect(java.util.stream.Collectors.partitioningBy(r -> r.kind() == HostileKind.GARBAGE_HEADERS));

        assertThat(split.get(true)).isNotEmpty().allSatisfy(r -> assertThat(r.headers()).isNotEmpty());
        assertThat(split.get(false)).allSatisfy(r -> assertThat(r.headers()).isEmpty());
    }

    @Test
    void aMarkerThatIsNoValidIdIsRefused() {
        assertThatThrownBy(() -> new HostileRecords(1, "fuzz run")).isInstanceOf(IllegalArgumentException.class);
    }

    private static String digest(HostileRecords generator, String topic) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            generator.stream(topic, CAMPAIGN).forEach(r -> {
                md.update((r.kind() + "|" + r.key() + "|" + r.detail() + "|").getBytes(StandardCharsets.UTF_8));
                md.update(r.value() == null ? new byte[] {-1} : r.value());
                r.headers().forEach(h -> {
                    md.update(h.name().getBytes(StandardCharsets.UTF_8));
                    md.update(h.value() == null ? new byte[] {-1} : h.value());
                });
            });
            return HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
