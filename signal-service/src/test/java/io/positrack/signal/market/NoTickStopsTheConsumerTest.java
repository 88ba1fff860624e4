package io.positrack.signal.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

import io.positrack.contracts.Topics;
import io.positrack.infra.PostgresNode;
import io.positrack.infra.quarkus.PositrackTestInfrastructure;
import io.positrack.runtime.consumer.ConsumerLimits;
import io.positrack.signal.testing.SignalTestClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue 14 on {@code market-ticks}: hostile ticks are dead-lettered by signal-service, with their reason, and
 * the ticks after them still make bars.
 */
@QuarkusTest
@WithTestResource(value = PositrackTestInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "signal"))
class NoTickStopsTheConsumerTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    /** Watched in the test profile and ticked by no other test, so its bars are this class's alone. */
    private static final String SYMBOL = "XAUUSD";
    /** One-second bars, each test's after the previous test's. */
    private static final AtomicReference<Instant> CLOCK = new AtomicReference<>(
            Instant.now().minus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.SECONDS));

    private final SignalTestClient kafka = SignalTestClient.get();

    @Inject
    ConsumerLimits limits;

    @Test
    void aMissingValueJsonNullAndAnEmptyValueAreDeadLetteredAsEmptyAndTheNextTickMakesABar() {
        List<RecordMetadata> sent = List.of(send(null), send("null"), send(""));
        Instant bar = sendValidTicks();

        sent.forEach(record -> assertDeadLettered(record, "empty"));
        awaitBar(bar);
    }

    @Test
    void aTickOverTheSizeLimitIsDeadLetteredUnreadAndTheNextTickMakesABar() {
        RecordMetadata huge = send(tick("\"bid\": \"1\", \"ask\": \"2\", \"note\": \"" + "x".repeat(limits.maxValueBytes()) + "\""));
        Instant bar = sendValidTicks();

        assertDeadLettered(huge, "oversized");
        awaitBar(bar);
    }

    @Test
    void aDecimalWithAHugeExponentIsDeadLetteredAsMalformedAndTheNextTickMakesABar() {
        RecordMetadata sent = send(tick("\"bid\": \"1e2147483647\", \"ask\": \"1e2147483647\""));
        Instant bar = sendValidTicks();

        assertThat(reason(assertDeadLettered(sent, "malformed")))
                .isEqualTo("malformed MarketTick: field 'bid': '1e2147483647' is not a decimal in plain notation");
        awaitBar(bar);
    }

    @Test
    void aTickDated2999IsDeadLetteredAsMalformedAndTheNextTickMakesABar() {
        RecordMetadata sent = send(tick("\"bid\": \"1\", \"ask\": \"2\", \"venueTime\": \"2999-01-01T00:00:00Z\""));
        Instant bar = sendValidTicks();

        assertThat(reason(assertDeadLettered(sent, "malformed"))).startsWith("malformed MarketTick: field 'venueTime': ").contains("2999");
        awaitBar(bar);
    }

    @Test
    void aNumberForTheSymbolIsDeadLetteredAsMalformedAndTheNextTickMakesABar() {
        RecordMetadata sent = send("{\"symbol\": 42, \"bid\": \"1\", \"ask\": \"2\"}");
        Instant bar = sendValidTicks();

        assertThat(reason(assertDeadLettered(sent, "malformed"))).startsWith("malformed MarketTick: field 'symbol': ");
        awaitBar(bar);
    }

    private static String tick(String fields) {
        return "{\"symbol\": \"" + SYMBOL + "\", " + fields + "}";
    }

    private RecordMetadata send(String value) {
        return kafka.sendRaw(Topics.MARKET_TICKS, SYMBOL, value);
    }

    /** Two valid ticks in consecutive bars: the first bar is stored once the second tick arrives. Returns the first bar's start. */
    private Instant sendValidTicks() {
        Instant first = CLOCK.getAndUpdate(t -> t.plusSeconds(2));
        send(tick("\"bid\": \"100\", \"ask\": \"100.02\", \"venueTime\": \"" + first + "\""));
        send(tick("\"bid\": \"101\", \"ask\": \"101.02\", \"venueTime\": \"" + first.plusSeconds(1) + "\""));
        return first;
    }

    private ConsumerRecord<String, String> assertDeadLettered(RecordMetadata sent, String code) {
        ConsumerRecord<String, String> letter = kafka.awaitDeadLetterOf(sent);
        assertThat(SignalTestClient.header(letter, "dead-letter-service")).isEqualTo("signal-service");
        assertThat(SignalTestClient.header(letter, "dead-letter-reason-code")).isEqualTo(code);
        assertThat(SignalTestClient.header(letter, "dead-letter-topic")).isEqualTo(Topics.MARKET_TICKS);
        return letter;
    }

    private static String reason(ConsumerRecord<String, String> letter) {
        return SignalTestClient.header(letter, "dead-letter-reason");
    }

    private static void awaitBar(Instant start) {
        await().atMost(PATIENCE).until(() -> barExists(start));
    }

    private static boolean barExists(Instant start) throws Exception {
        PostgresNode.Database db = PositrackTestInfrastructure.infrastructure().postgres().database("signal");
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                PreparedStatement s = c.prepareStatement("SELECT count(*) FROM bars WHERE symbol = ? AND bar_start = ?")) {
            s.setString(1, SYMBOL);
            s.setTimestamp(2, Timestamp.from(start));
            ResultSet rs = s.executeQuery();
            rs.next();
            return rs.getLong(1) == 1;
        }
    }
}
