package io.positrack.signal.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.positrack.contracts.Topics;
import io.positrack.contracts.position.Side;
import io.positrack.infra.quarkus.PositrackTestInfrastructure;
import io.positrack.runtime.consumer.ConsumerLimits;
import io.positrack.signal.testing.PositionStory;
import io.positrack.signal.testing.ServiceApi;
import io.positrack.signal.testing.SignalTestClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue 14 on {@code position-events}: hostile events are dead-lettered by signal-service, with their reason,
 * and the event after them on the same partition still opens its session.
 */
@QuarkusTest
@WithTestResource(value = PositrackTestInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "signal"))
class NoPositionEventStopsTheConsumerTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    /** The key (and symbol) of every event here: one partition, the valid event after the hostile ones. */
    private static final String KEY = "SESSUSD";

    private final SignalTestClient kafka = SignalTestClient.get();
    private final ServiceApi api = ServiceApi.inProcess();

    @Inject
    ConsumerLimits limits;

    @Test
    void aMissingValueJsonNullAndAnEmptyValueAreDeadLetteredAsEmptyAndTheNextEventOpensItsSession() {
        List<RecordMetadata> sent = List.of(send(null), send("null"), send(""));
        long next = sendValidEvent();

        sent.forEach(record -> assertDeadLettered(record, "empty"));
        awaitOpenSession(next);
    }

    @Test
    void anEventOverTheSizeLimitIsDeadLetteredUnreadAndTheNextEventOpensItsSession() {
        RecordMetadata huge = send(opened(e -> e.put("cause", "x".repeat(limits.maxValueBytes()))));
        long next = sendValidEvent();

        assertDeadLettered(huge, "oversized");
        awaitOpenSession(next);
    }

    @Test
    void aDecimalWithAHugeExponentIsDeadLetteredAsMalformedAndTheNextEventOpensItsSession() {
        RecordMetadata sent = send(opened(e -> ((ObjectNode) e.get("position")).put("stopLoss", "1e2147483647")));
        long next = sendValidEvent();

        assertThat(reason(assertDeadLettered(sent, "malformed")))
                .isEqualTo("malformed PositionEvent: field 'position.stopLoss': '1e2147483647' is not a decimal in plain notation");
        awaitOpenSession(next);
    }

    @Test
    void anEventThatOccurredIn2999IsDeadLetteredAsMalformedAndTheNextEventOpensItsSession() {
        RecordMetadata sent = send(opened(e -> e.put("occurredAt", "2999-01-01T00:00:00Z")));
        long next = sendValidEvent();

        assertThat(reason(assertDeadLettered(sent, "malformed"))).startsWith("malformed PositionEvent: field 'occurredAt': ")
                .contains("2999");
        awaitOpenSession(next);
    }

    @Test
    void aNumberForAStringFieldIsDeadLetteredAsMalformedAndTheNextEventOpensItsSession() {
        RecordMetadata sent = send(opened(e -> ((ObjectNode) e.get("position")).put("account", 42)));
        long next = sendValidEvent();

        assertThat(reason(assertDeadLettered(sent, "malformed"))).startsWith("malformed PositionEvent: field 'position.account': ");
        awaitOpenSession(next);
    }

    /** The opening event of a fresh signal position, as JSON, changed by {@code change}. */
    private static String opened(Consumer<ObjectNode> change) {
        PositionStory p = PositionStory.of(PositionStory.newPositionId(), SignalTestClient.uniqueAccount("hostile"), KEY, Side.BUY,
                "sig-hostile-" + PositionStory.newPositionId());
        ObjectNode event = SignalTestClient.JSON.valueToTree(p.opened());
        change.accept(event);
        return event.toString();
    }

    private RecordMetadata send(String value) {
        return kafka.sendRaw(Topics.POSITION_EVENTS, KEY, value);
    }

    private long sendValidEvent() {
        String account = SignalTestClient.uniqueAccount("after-hostile");
        PositionStory p = PositionStory.of(PositionStory.newPositionId(), account, KEY, Side.BUY, "sig-ah-" + account);
        send(SignalTestClient.write(p.opened()));
        return p.id();
    }

    private ConsumerRecord<String, String> assertDeadLettered(RecordMetadata sent, String code) {
        ConsumerRecord<String, String> letter = kafka.awaitDeadLetterOf(sent);
        assertThat(SignalTestClient.header(letter, "dead-letter-service")).isEqualTo("signal-service");
        assertThat(SignalTestClient.header(letter, "dead-letter-reason-code")).isEqualTo(code);
        assertThat(SignalTestClient.header(letter, "dead-letter-topic")).isEqualTo(Topics.POSITION_EVENTS);
        return letter;
    }

    private static String reason(ConsumerRecord<String, String> letter) {
        return SignalTestClient.header(letter, "dead-letter-reason");
    }

    private void awaitOpenSession(long positionId) {
        await().atMost(PATIENCE).until(() -> api.session(positionId)
                .map(r -> "OPEN".equals(r.jsonPath().getString("status"))).orElse(false));
    }
}
