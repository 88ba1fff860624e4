package io.positrack.signal.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

import io.positrack.contracts.Topics;
import io.positrack.contracts.bot.BotCommand;
import io.positrack.contracts.bot.BotVerb;
import io.positrack.contracts.position.CommandResult;
import io.positrack.contracts.position.Outcome;
import io.positrack.infra.quarkus.PositrackTestInfrastructure;
import io.positrack.runtime.consumer.ConsumerLimits;
import io.positrack.signal.testing.SignalTestClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue 14 on {@code bot-commands}: hostile records are dead-lettered by signal-service, with their reason, and
 * the command after them on the same partition is still forwarded.
 */
@QuarkusTest
@WithTestResource(value = PositrackTestInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "signal"))
class NoBotCommandStopsTheConsumerTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    /** Every record of a test on the partition of the valid command sent after them. */
    private static final String KEY = "BADUSD";

    private final SignalTestClient kafka = SignalTestClient.get();

    @Inject
    ConsumerLimits limits;

    @Test
    void aMissingValueJsonNullAndAnEmptyValueAreDeadLetteredAsEmptyAndTheNextCommandIsForwarded() {
        List<RecordMetadata> sent = List.of(send(null), send("null"), send(""));
        BotCommand next = sendValidCommand();

        sent.forEach(record -> assertDeadLettered(record, "empty"));
        awaitForwarded(next);
    }

    @Test
    void aRecordOverTheSizeLimitIsDeadLetteredUnreadAndTheNextCommandIsForwarded() {
        String id = "tg-" + UUID.randomUUID();
        RecordMetadata huge = send(command(id, "\"limit\": 1, \"note\": \"" + "x".repeat(limits.maxValueBytes()) + "\""));
        BotCommand next = sendValidCommand();

        ConsumerRecord<String, String> letter = assertDeadLettered(huge, "oversized");
        assertThat(SignalTestClient.header(letter, "dead-letter-truncated")).isEqualTo("true");
        awaitForwarded(next);
        // Unread means unanswered too: the answer would have been sent before the next command was handled.
        assertThat(kafka.resultsFor(id)).isEmpty();
    }

    @Test
    void aNumberWithAHugeExponentIsDeadLetteredAsMalformedAnsweredAndTheNextCommandIsForwarded() {
        // A bot command has no decimal: its integer field gets the exponent that makes BigDecimal arithmetic hang.
        String id = "tg-" + UUID.randomUUID();
        RecordMetadata sent = send(command(id, "\"limit\": 1e2147483647"));
        BotCommand next = sendValidCommand();

        ConsumerRecord<String, String> letter = assertDeadLettered(sent, "malformed");
        assertThat(SignalTestClient.header(letter, "dead-letter-reason")).startsWith("malformed BotCommand: field 'limit': ");
        assertThat(rejection(id).message()).isEqualTo(SignalTestClient.header(letter, "dead-letter-reason"));
        awaitForwarded(next);
    }

    @Test
    void aCommandIssuedIn2999IsDeadLetteredAsMalformedAnsweredAndTheNextCommandIsForwarded() {
        String id = "tg-" + UUID.randomUUID();
        RecordMetadata sent = send(command(id, "\"issuedAt\": \"2999-01-01T00:00:00Z\""));
        BotCommand next = sendValidCommand();

        ConsumerRecord<String, String> letter = assertDeadLettered(sent, "malformed");
        assertThat(SignalTestClient.header(letter, "dead-letter-reason")).startsWith("malformed BotCommand: field 'issuedAt': ")
                .contains("2999");
        assertThat(rejection(id).outcome()).isEqualTo(Outcome.REJECTED_INVALID);
        awaitForwarded(next);
    }

    @Test
    void aNumberForAStringFieldIsDeadLetteredAsMalformedAnsweredAndTheNextCommandIsForwarded() {
        String id = "tg-" + UUID.randomUUID();
        RecordMetadata sent = send("""
                {"commandId": "%s", "verb": "STATUS", "account": "%s", "symbol": 42, "chatId": 5}"""
                .formatted(id, SignalTestClient.uniqueAccount("numsym")));
        BotCommand next = sendValidCommand();

        ConsumerRecord<String, String> letter = assertDeadLettered(sent, "malformed");
        assertThat(SignalTestClient.header(letter, "dead-letter-reason")).startsWith("malformed BotCommand: field 'symbol': ");
        CommandResult answer = rejection(id);
        assertThat(answer.chatId()).isEqualTo(5L);
        assertThat(answer.commandType()).isEqualTo("STATUS");
        awaitForwarded(next);
        assertThat(kafka.positionCommandRecord(id)).isEmpty();
    }

    /** A HISTORY command of a fresh account, with {@code extra} fields (which may repeat none of the others). */
    private static String command(String id, String extra) {
        return """
                {"commandId": "%s", "verb": "HISTORY", "account": "%s", "symbol": "%s", "chatId": 5, %s}"""
                .formatted(id, SignalTestClient.uniqueAccount("hostile"), KEY, extra);
    }

    private RecordMetadata send(String value) {
        return kafka.sendRaw(Topics.BOT_COMMANDS, KEY, value);
    }

    private BotCommand sendValidCommand() {
        BotCommand c = SignalTestClient.bot(BotVerb.STATUS, SignalTestClient.uniqueAccount("after-hostile"), KEY);
        kafka.send(c);
        return c;
    }

    private ConsumerRecord<String, String> assertDeadLettered(RecordMetadata sent, String code) {
        ConsumerRecord<String, String> letter = kafka.awaitDeadLetterOf(sent);
        assertThat(SignalTestClient.header(letter, "dead-letter-service")).isEqualTo("signal-service");
        assertThat(SignalTestClient.header(letter, "dead-letter-reason-code")).isEqualTo(code);
        assertThat(SignalTestClient.header(letter, "dead-letter-topic")).isEqualTo(Topics.BOT_COMMANDS);
        assertThat(letter.key()).isEqualTo(KEY);
        return letter;
    }

    private void awaitForwarded(BotCommand c) {
        await().atMost(PATIENCE).until(() -> kafka.positionCommandRecord(c.commandId()).isPresent());
    }

    private CommandResult rejection(String commandId) {
        await().atMost(PATIENCE).until(() -> !kafka.resultsFor(commandId).isEmpty());
        CommandResult answer = kafka.resultsFor(commandId).get(0);
        assertThat(answer.outcome()).isEqualTo(Outcome.REJECTED_INVALID);
        return answer;
    }
}
