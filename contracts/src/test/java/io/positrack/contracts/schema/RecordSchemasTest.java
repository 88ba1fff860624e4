package io.positrack.contracts.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.positrack.contracts.Topics;
import io.positrack.contracts.alert.Alert;
import io.positrack.contracts.bot.BotCommand;
import io.positrack.contracts.bot.BotVerb;
import io.positrack.contracts.market.MarketTick;
import io.positrack.contracts.position.AssetAmount;
import io.positrack.contracts.position.CommandResult;
import io.positrack.contracts.position.Origin;
import io.positrack.contracts.position.Outcome;
import io.positrack.contracts.position.PnlSummary;
import io.positrack.contracts.position.PositionCommand;
import io.positrack.contracts.position.PositionEvent;
import io.positrack.contracts.position.PositionEventType;
import io.positrack.contracts.position.PositionSnapshot;
import io.positrack.contracts.position.PositionStatus;
import io.positrack.contracts.position.Side;
import io.positrack.contracts.signal.SignalIssued;
import io.positrack.contracts.signal.SignalSession;
import io.positrack.contracts.venue.FundingPayment;
import io.positrack.contracts.venue.OrderStatus;
import io.positrack.contracts.venue.OrderUpdate;
import io.positrack.contracts.venue.VenuePositionReport;

/**
 * {@link RecordSchemas} against the records as the contracts module serialises them: every record kind, fully
 * populated and with every value of its enums, conforms on its topic (so a field or an enum value added in code and
 * not in the schema fails here, before any integration test), and the breaks a producer can make are found with the
 * JSON pointer of the problem.
 */
class RecordSchemasTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final RecordSchemas SCHEMAS = RecordSchemas.get();
    private static final Instant T = Instant.parse("2026-11-21T05:01:02.128010Z");
    private static final BigDecimal D = new BigDecimal("2650.15");

    private static Map<String, String> cloudEvents(String type) {
        return new HashMap<>(io.positrack.contracts.CloudEventHeaders.of("position-42-v3", "/positrack/position-service", type, "42", T));
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static PositionSnapshot snapshot(PositionStatus status, Origin origin) {
        return new PositionSnapshot(42, "acc-1", "paper", "XAUUSD", Side.SELL, status, D, D, D, D, D, D, D, D, "TAKE_PROFIT", origin,
                "sig-1", "pt-42-e-1", "pt-42-x-1", 1, 3, T, T, T, D, D.negate(), List.of(new AssetAmount("BNB", D)), D, D);
    }

    private static PositionEvent event(PositionEventType type) {
        return new PositionEvent("position-42-v3", type, 42, 3, "tg-1", T, snapshot(PositionStatus.CLOSED, Origin.SIGNAL));
    }

    private static List<SchemaProblem> check(String topic, Object record) {
        return SCHEMAS.check(topic, cloudEvents("io.positrack.test"), write(record));
    }

    @Test
    void everyTopicAndItsDeadLetterTopicHasAChannel() {
        assertThat(SCHEMAS.topics()).containsAll(Topics.allWithDeadLetters()).contains(Topics.TELEGRAM_POLLER_LEADER);
    }

    @Test
    void everyPositionEventTypeStatusAndOriginConforms() {
        for (PositionEventType type : PositionEventType.values()) {
            assertThat(check(Topics.POSITION_EVENTS, event(type))).as(type.name()).isEmpty();
        }
        for (PositionStatus status : PositionStatus.values()) {
            for (Origin origin : Origin.values()) {
                PositionEvent e = new PositionEvent("e", PositionEventType.PositionAdjusted, 1, 1, null, T, snapshot(status, origin));
                assertThat(check(Topics.POSITION_EVENTS, e)).as(status + " " + origin).isEmpty();
            }
        }
    }

    @Test
    void everyCommandResultOutcomeConformsFullyPopulated() {
        PnlSummary.Line line = new PnlSummary.Line(T, T, 3, 2, 1, D, D, D, D);
        SignalSession session = new SignalSession("sig-1", "acc-1", "XAUUSD", Side.BUY, D, D, D, "EMA cross", 42L, "CLOSED", "STOP_LOSS", D,
                T, T);
        for (Outcome outcome : Outcome.values()) {
            CommandResult r = new CommandResult("c-1", "OpenPosition", "acc-1", "paper", "XAUUSD", 7L, outcome, "text",
                    snapshot(PositionStatus.ACTIVE, Origin.COMMAND), List.of(snapshot(PositionStatus.CLOSED, Origin.ADOPTED)), T, "getsignal",
                    List.of(session), new PnlSummary(List.of(line), line));
            assertThat(check(Topics.COMMAND_RESULTS, r)).as(outcome.name()).isEmpty();
        }
    }

    @Test
    void everyPositionCommandKindConformsFullyPopulated() {
        List<PositionCommand> commands = List.of(
                new PositionCommand.OpenPosition("c", "a", "paper", "XAUUSD", Side.BUY, D, D, D, D, "sig", 1L, T),
                new PositionCommand.ClosePosition("c", "a", "paper", "XAUUSD", 42L, "USER", 1L, T),
                new PositionCommand.UpdateStops("c", "a", "paper", "XAUUSD", D, D, 1L, T),
                new PositionCommand.ExpirePending("c", "a", "paper", "XAUUSD", 1L, T, 42L),
                new PositionCommand.QueryStatus("c", "a", "paper", "XAUUSD", 1L, T, "getsignal"),
                new PositionCommand.ListOpen("c", "a", 1L, T),
                new PositionCommand.History("c", "a", "XAUUSD", 5, 1L, T),
                new PositionCommand.PauseEntries("c", "a", "XAUUSD", "news", 1L, T),
                new PositionCommand.ResumeEntries("c", "a", "XAUUSD", 1L, T),
                new PositionCommand.PnlReport("c", "a", 7, 1L, T));
        for (PositionCommand c : commands) {
            assertThat(SCHEMAS.messageName(Topics.POSITION_COMMANDS, write(c))).as(c.getClass().getSimpleName())
                    .contains("PositionCommand_" + c.getClass().getSimpleName());
            assertThat(check(Topics.POSITION_COMMANDS, c)).as(c.getClass().getSimpleName()).isEmpty();
        }
    }

    @Test
    void everyBotVerbConformsFullyPopulated() {
        for (BotVerb verb : BotVerb.values()) {
            BotCommand c = new BotCommand("tg-1-2", verb, "acc-1", "XAUUSD", 42L, 5, 7L, 8L, T, D, D, D, "sig-1");
            assertThat(SCHEMAS.check(Topics.BOT_COMMANDS, Map.of(), write(c))).as(verb.name()).isEmpty();
        }
    }

    @Test
    void venueEventsAreToldApartByTheirTypeAndConform() {
        for (OrderStatus status : OrderStatus.values()) {
            OrderUpdate u = new OrderUpdate("acc-1", "paper", "XAUUSD", "pt-42-e-1", "v-1", Side.BUY, status, D, D, "t-1", "why", T, T, D, D, D,
                    "USDT");
            assertThat(SCHEMAS.messageName(Topics.VENUE_EVENTS, write(u))).contains("OrderUpdate");
            assertThat(check(Topics.VENUE_EVENTS, u)).as(status.name()).isEmpty();
        }
        VenuePositionReport report = new VenuePositionReport("PositionReport", "r-1", "acc-1", "paper", "XAUUSD", Side.BUY, D, D, true, T);
        FundingPayment funding = new FundingPayment("FundingPayment", "f-1", "acc-1", "paper", "XAUUSD", "USDT", D.negate(), T);
        assertThat(SCHEMAS.messageName(Topics.VENUE_EVENTS, write(report))).contains("VenuePositionReport");
        assertThat(SCHEMAS.messageName(Topics.VENUE_EVENTS, write(funding))).contains("FundingPayment");
        assertThat(check(Topics.VENUE_EVENTS, report)).isEmpty();
        assertThat(check(Topics.VENUE_EVENTS, funding)).isEmpty();
    }

    @Test
    void ticksAlertsAndSignalsConformFullyPopulated() {
        assertThat(check(Topics.MARKET_TICKS, new MarketTick("XAUUSD", D, D, D, T))).isEmpty();
        assertThat(check(Topics.ALERTS, new Alert("al-1", Alert.SIZE_MISMATCH, "acc-1", "paper", "XAUUSD", 42L, "text",
                Map.of("ourQuantity", "2"), T))).isEmpty();
        assertThat(check(Topics.SIGNALS, new SignalIssued("XAUUSD-s-1", "XAUUSD", "ema-rsi-atr", Side.BUY, D, D, D, "why", T, T))).isEmpty();
    }

    @Test
    void anExtraFieldIsFoundAtItsPointer() {
        ObjectNode tree = JSON.valueToTree(event(PositionEventType.PositionClosed));
        ((ObjectNode) tree.get("position")).put("leverage", "10");
        assertThat(SCHEMAS.check(Topics.POSITION_EVENTS, Map.of(), tree.toString())).extracting(SchemaProblem::pointer)
                .containsExactly("/position/leverage");
    }

    @Test
    void aNumberWhereADecimalStringBelongsIsFoundAtItsPointer() {
        ObjectNode tree = JSON.valueToTree(event(PositionEventType.PositionClosed));
        ((ObjectNode) tree.get("position")).put("quantity", 1.5);
        assertThat(SCHEMAS.check(Topics.POSITION_EVENTS, Map.of(), tree.toString())).extracting(SchemaProblem::pointer)
                .containsOnly("/position/quantity");
    }

    @Test
    void aMissingRequiredFieldIsFoundAtItsPointer() {
        ObjectNode tree = JSON.valueToTree(event(PositionEventType.PositionClosed));
        tree.remove("occurredAt");
        assertThat(SCHEMAS.check(Topics.POSITION_EVENTS, Map.of(), tree.toString())).extracting(SchemaProblem::pointer)
                .containsExactly("/occurredAt");
    }

    @Test
    void anUnknownEnumValueIsFound() {
        ObjectNode tree = JSON.valueToTree(event(PositionEventType.PositionClosed));
        tree.put("type", "PositionTeleported");
        assertThat(SCHEMAS.check(Topics.POSITION_EVENTS, Map.of(), tree.toString())).extracting(SchemaProblem::pointer)
                .containsExactly("/type");
    }

    @Test
    void aRecordThatNamesItsSourceCarriesTheWholeCloudEventsSet() {
        Map<String, String> headers = cloudEvents("io.positrack.position.PositionClosed");
        headers.remove("ce_id");
        assertThat(SCHEMAS.check(Topics.POSITION_EVENTS, headers, write(event(PositionEventType.PositionClosed))))
                .extracting(SchemaProblem::part, SchemaProblem::pointer)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(SchemaProblem.Part.HEADERS, "/ce_id"));
    }

    @Test
    void aDeadLetterIsCheckedOnItsHeadersOnlyWhateverItsValue() {
        Map<String, String> headers = new HashMap<>(Map.of("dead-letter-reason", "not JSON: x", "dead-letter-reason-code", "not_json",
                "dead-letter-topic", Topics.MARKET_TICKS, "dead-letter-partition", "0", "dead-letter-offset", "17",
                "dead-letter-service", "signal-service", "dead-letter-value-length", "3", "dead-letter-truncated", "false"));
        headers.put("ce_source", "/positrack/position-service"); // copied from the original: says nothing about the value
        assertThat(SCHEMAS.check(Topics.dlq(Topics.MARKET_TICKS), headers, "{{{")).isEmpty();
        assertThat(SCHEMAS.check(Topics.dlq(Topics.MARKET_TICKS), headers, null)).isEmpty();

        headers.remove("dead-letter-service");
        headers.put("dead-letter-reason-code", "because");
        assertThat(SCHEMAS.check(Topics.dlq(Topics.MARKET_TICKS), headers, "{}")).extracting(SchemaProblem::pointer)
                .containsExactlyInAnyOrder("/dead-letter-service", "/dead-letter-reason-code");
    }

    @Test
    void aTopicWithoutAChannelAndAValueThatIsNotJsonAreProblems() {
        assertThat(SCHEMAS.check("no-such-topic", Map.of(), "{}")).hasSize(1);
        assertThat(SCHEMAS.check(Topics.POSITION_EVENTS, Map.of(), "not json")).extracting(SchemaProblem::message).containsExactly("not JSON");
        assertThat(SCHEMAS.check(Topics.POSITION_COMMANDS, Map.of(), "{\"type\": \"Teleport\"}")).extracting(SchemaProblem::pointer)
                .containsExactly("/type");
    }
}
