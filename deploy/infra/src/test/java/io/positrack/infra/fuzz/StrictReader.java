package io.positrack.infra.fuzz;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.positrack.contracts.Topics;

/**
 * The strict reading of {@link HostileKind}, written independently of the generator's field specs: what a
 * hardened consumer accepts. A test oracle, not a consumer: it answers "would a strict consumer accept this value?".
 */
final class StrictReader {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:@/-]{1,128}");
    private static final Pattern SYMBOL = Pattern.compile("[A-Z0-9]{2,20}([-_/][A-Z0-9]{2,10})?");
    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]{1,20}(\\.[0-9]{1,18})?");
    private static final Pattern INSTANT = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?Z");
    private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("2100-01-01T00:00:00Z");

    private static final String COMMAND_HEAD = "type:text!, commandId:id!, account:id!, chatId:isig, issuedAt:instant";
    private static final Map<String, String> COMMANDS = Map.of(
            "OpenPosition", COMMAND_HEAD + ", venue:id!, symbol:symbol!, side:enum(BUY|SELL)!, quantity:dpos!, referencePrice:dpos,"
                    + " stopLoss:dpos, takeProfit:dpos, signalId:text",
            "ClosePosition", COMMAND_HEAD + ", venue:id!, symbol:symbol!, positionId:ipos, reason:text",
            "UpdateStops", COMMAND_HEAD + ", venue:id!, symbol:symbol!, stopLoss:dpos, takeProfit:dpos",
            "ExpirePending", COMMAND_HEAD + ", venue:id!, symbol:symbol!, positionId:ipos",
            "QueryStatus", COMMAND_HEAD + ", venue:id!, symbol:symbol!, requestedAs:text",
            "ListOpen", COMMAND_HEAD,
            "History", COMMAND_HEAD + ", symbol:symbol, limit:ipos",
            "PauseEntries", COMMAND_HEAD + ", symbol:symbol, reason:text",
            "ResumeEntries", COMMAND_HEAD + ", symbol:symbol",
            "PnlReport", COMMAND_HEAD + ", days:ipos");
    private static final String ORDER_UPDATE = "account:id!, venue:id!, symbol:symbol!, clientOrderId:id!, venueOrderId:text,"
            + " side:enum(BUY|SELL), status:enum(NEW|PARTIALLY_FILLED|FILLED|CANCELED|EXPIRED|REJECTED)!, filledQuantity:dnn,"
            + " averagePrice:dpos, tradeId:id, reason:text, eventTime:instant, transactionTime:instant, lastFilledQuantity:dnn,"
            + " lastFilledPrice:dpos, commission:dsig, commissionAsset:text";
    private static final String REPORT = "type:text!, reportId:id!, account:id!, venue:id!, symbol:symbol!, side:enum(BUY|SELL),"
            + " quantity:dnn!, entryPrice:dpos, complete:bool!, asOf:instant!";
    private static final String TICK = "symbol:symbol!, bid:dpos!, ask:dpos!, last:dpos, venueTime:instant";
    private static final String BOT = "commandId:id!, verb:enum(GET_SIGNAL|STATUS|CLOSE|POSITIONS|HISTORY|SESSIONS|UPDATE_STOPS|LONG|SHORT|PAUSE|RESUME|PROFIT|DAILY)!,"
            + " account:id!, symbol:symbol, positionId:ipos, limit:ipos, chatId:isig, userId:ipos, issuedAt:instant, stopLoss:dpos,"
            + " takeProfit:dpos, quantity:dpos";
    static final String SNAPSHOT = "id:ipos!, account:id!, venue:id!, symbol:symbol!, side:enum(BUY|SELL)!,"
            + " status:enum(PENDING_ENTRY|ENTRY_PLACED|PENDING_SL|ACTIVE|CLOSING|CLOSED|ROLLED_BACK)!, quantity:dpos!,"
            + " filledQuantity:dnn, remainingQuantity:dnn, entryPrice:dpos, exitPrice:dpos, stopLoss:dpos, takeProfit:dpos,"
            + " realizedPnl:dsig, closeReason:text, origin:enum(SIGNAL|COMMAND|ADOPTED), signalId:text, entryOrderId:text,"
            + " exitOrderId:text, exitAttempt:inn, version:ipos!, openedAt:instant!, updatedAt:instant, closedAt:instant,"
            + " fees:dsig, funding:dsig, grossPnl:dsig, netPnl:dsig";
    private static final String EVENT = "eventId:id!, type:enum(PositionOpened|PositionEntryPlaced|PositionEntryPartiallyFilled|"
            + "PositionEntryFilled|PositionActivated|PositionStopsUpdated|PositionCancelRequested|PositionClosing|"
            + "PositionExitRetried|PositionClosed|PositionRolledBack|PositionAdjusted|PositionAdopted|PositionChargesRecorded)!, positionId:ipos!,"
            + " version:ipos!, cause:text, occurredAt:instant!, position:snapshot!";
    private static final String RESULT = "commandId:id!, commandType:text, account:id!, venue:id, symbol:symbol, chatId:isig,"
            + " outcome:enum(OPENED|DUPLICATE_OPEN_EXISTS|SIGNAL_ALREADY_USED|CLOSING|CLOSED_RECONCILED|CANCELLING_ENTRY|"
            + "ALREADY_CLOSING|ALREADY_CLOSED|NOT_FOUND|STOPS_UPDATED|EXPIRED|NOT_EXPIRABLE|STATUS|POSITIONS|HISTORY|"
            + "REJECTED_STATE|REJECTED_INVALID|NO_SIGNAL|SESSIONS)!, message:text, position:snapshot, producedAt:instant!,"
            + " requestedAs:text";
    private static final String ALERT = "alertId:id!, type:text!, account:id!, venue:id, symbol:symbol, positionId:ipos,"
            + " message:text, raisedAt:instant!";

    private static final String SIGNAL = "signalId:id!, symbol:symbol!, strategy:id, side:enum(BUY|SELL)!, entry:dpos!,"
            + " stopLoss:dpos!, takeProfit:dpos!, reason:text, barEnd:instant!, validUntil:instant!";

    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private StrictReader() {
    }

    static boolean accepts(String topic, byte[] value) {
        JsonNode root = parse(value);
        if (root == null || !root.isObject()) {
            return false;
        }
        return switch (topic) {
            case Topics.POSITION_COMMANDS -> {
                String schema = root.path("type").isTextual() ? COMMANDS.get(root.get("type").asText()) : null;
                yield schema != null && matches(root, schema)
                        && (!"UpdateStops".equals(root.get("type").asText()) || present(root, "stopLoss") || present(root, "takeProfit"));
            }
            case Topics.VENUE_EVENTS -> present(root, "type")
                    ? "PositionReport".equals(root.get("type").asText()) && matches(root, REPORT)
                            && (present(root, "side") || new BigDecimal(root.get("quantity").asText()).signum() == 0)
                    : matches(root, ORDER_UPDATE) && fillIsComplete(root);
            case Topics.MARKET_TICKS -> matches(root, TICK)
                    && new BigDecimal(root.get("bid").asText()).compareTo(new BigDecimal(root.get("ask").asText())) <= 0;
            case Topics.BOT_COMMANDS -> matches(root, BOT) && botArguments(root);
            case Topics.POSITION_EVENTS -> matches(root, EVENT)
                    && root.get("positionId").asLong() == root.get("position").get("id").asLong()
                    && root.get("version").asLong() == root.get("position").get("version").asLong();
            case Topics.COMMAND_RESULTS -> matches(root, RESULT);
            case Topics.ALERTS -> matches(root, ALERT) && !root.get("type").asText().isBlank();
            case Topics.SIGNALS -> matches(root, SIGNAL);
            default -> throw new IllegalArgumentException(topic);
        };
    }

    private static JsonNode parse(byte[] value) {
        if (value == null) {
            return null;
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(value)).toString();
            try (JsonParser parser = JSON.createParser(text)) {
                return JSON.readTree(parser);
            }
        } catch (CharacterCodingException e) {
            return null;
        } catch (Exception e) {
            // Jackson's own limits (nesting depth, number length) are part of the strict reading.
            return null;
        }
    }

    private static boolean fillIsComplete(JsonNode root) {
        String status = root.get("status").asText();
        if (!status.equals("FILLED") && !status.equals("PARTIALLY_FILLED")) {
            return true;
        }
        return present(root, "filledQuantity") && new BigDecimal(root.get("filledQuantity").asText()).signum() > 0
                && present(root, "averagePrice") && present(root, "tradeId");
    }

    private static boolean botArguments(JsonNode root) {
        return switch (root.get("verb").asText()) {
            case "GET_SIGNAL", "STATUS" -> present(root, "symbol");
            case "CLOSE" -> present(root, "symbol") || present(root, "positionId");
            case "UPDATE_STOPS" -> present(root, "symbol") && (present(root, "stopLoss") || present(root, "takeProfit"));
            default -> true;
        };
    }

    static boolean matches(JsonNode object, String schema) {
        for (String declaration : schema.split(",\\s*")) {
            boolean required = declaration.endsWith("!");
            String[] parts = (required ? declaration.substring(0, declaration.length() - 1) : declaration).split(":", 2);
            JsonNode value = object.get(parts[0]);
            if (value == null || value.isNull()) {
                if (required) {
                    return false;
                }
                continue;
            }
            if (!valid(value, parts[1])) {
                return false;
            }
        }
        return true;
    }

    private static boolean valid(JsonNode v, String type) {
        if (type.startsWith("enum(")) {
            Set<String> constants = Set.of(type.substring(5, type.length() - 1).split("\\|"));
            return v.isTextual() && constants.contains(v.asText());
        }
        return switch (type) {
            case "id" -> v.isTextual() && ID.matcher(v.asText()).matches();
            case "symbol" -> v.isTextual() && SYMBOL.matcher(v.asText()).matches();
            case "text" -> v.isTextual() && !v.asText().isBlank();
            case "dpos" -> decimal(v, 1);
            case "dnn" -> decimal(v, 0);
            case "dsig" -> decimal(v, -1);
            case "ipos" -> integer(v, 1);
            case "inn" -> integer(v, 0);
            case "isig" -> integer(v, Long.MIN_VALUE);
            case "instant" -> instant(v);
            case "bool" -> v.isBoolean();
            case "snapshot" -> v.isObject() && matches(v, SNAPSHOT);
            default -> throw new IllegalArgumentException(type);
        };
    }

    private static boolean decimal(JsonNode v, int minimumSignum) {
        if (!v.isTextual() || !DECIMAL.matcher(v.asText()).matches()) {
            return false;
        }
        BigDecimal d = new BigDecimal(v.asText());
        // "-0" is zero, and a minus sign on zero is no plain decimal either.
        return d.signum() >= minimumSignum && !(v.asText().startsWith("-") && d.signum() == 0);
    }

    private static boolean integer(JsonNode v, long minimum) {
        return v.isIntegralNumber() && v.canConvertToLong() && v.asLong() >= minimum;
    }

    private static boolean instant(JsonNode v) {
        if (!v.isTextual() || !INSTANT.matcher(v.asText()).matches()) {
            return false;
        }
        try {
            Instant i = Instant.parse(v.asText());
            return !i.isBefore(EARLIEST) && i.isBefore(LATEST);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static boolean present(JsonNode root, String field) {
        return root.hasNonNull(field);
    }
}
