package io.positrack.infra.fuzz;

import static io.positrack.infra.fuzz.FieldType.BOOLEAN;
import static io.positrack.infra.fuzz.FieldType.DECIMAL_NON_NEGATIVE;
import static io.positrack.infra.fuzz.FieldType.DECIMAL_POSITIVE;
import static io.positrack.infra.fuzz.FieldType.DECIMAL_SIGNED;
import static io.positrack.infra.fuzz.FieldType.DISCRIMINATOR;
import static io.positrack.infra.fuzz.FieldType.ENUM;
import static io.positrack.infra.fuzz.FieldType.ID;
import static io.positrack.infra.fuzz.FieldType.INSTANT;
import static io.positrack.infra.fuzz.FieldType.INTEGER_NON_NEGATIVE;
import static io.positrack.infra.fuzz.FieldType.INTEGER_POSITIVE;
import static io.positrack.infra.fuzz.FieldType.INTEGER_SIGNED;
import static io.positrack.infra.fuzz.FieldType.OBJECT;
import static io.positrack.infra.fuzz.FieldType.SYMBOL;
import static io.positrack.infra.fuzz.FieldType.TEXT;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.positrack.contracts.Topics;

/**
 * Valid records of every contract type, per input topic, in the shape the contract records serialize to
 * (decimals as strings, instants as ISO-8601). A field is required here exactly when docs/event-contracts.md
 * requires it: a record without an optional field is valid, so leaving one out is no hostile record (issuedAt
 * of commands, side and eventTime of an order update, a tick's venueTime). The marker is the account and part of every id, so the records
 * derived from them can be found again; the chat id is one no gateway allow-list contains, so that even an
 * answer to a refused command reaches nobody.
 */
public final class ValidTemplates {

    /** A Telegram chat id that is on no allow-list. */
    public static final long UNLISTED_CHAT_ID = 777000777000L;

    private static final String T0 = "2025-06-01T12:00:00Z";
    private static final String T1 = "2025-06-01T12:00:01Z";

    private ValidTemplates() {
    }

    /**
     * The templates of one topic.
     *
     * @param id unique per record (the record's key): ids are derived from it so no two records share a command id
     */
    public static List<WireTemplate> forTopic(String topic, String marker, String id) {
        return switch (topic) {
            case Topics.POSITION_COMMANDS -> List.of(openPosition(marker, id), closePosition(marker, id),
                    updateStops(marker, id), history(marker, id));
            case Topics.VENUE_EVENTS -> List.of(orderUpdateFilled(marker, id), positionReport(marker, id));
            case Topics.MARKET_TICKS -> List.of(marketTick());
            case Topics.BOT_COMMANDS -> List.of(botClose(marker, id), botStatus(marker, id), botHistory(marker, id), botStops(marker, id));
            case Topics.POSITION_EVENTS -> List.of(positionEvent(marker, id));
            case Topics.COMMAND_RESULTS -> List.of(commandResult(marker, id));
            case Topics.ALERTS -> List.of(alert(marker, id));
            case Topics.SIGNALS -> List.of(signalIssued(id));
            default -> throw new IllegalArgumentException("No templates for topic " + topic);
        };
    }

    private static WireTemplate openPosition(String marker, String id) {
        return new Builder(Topics.POSITION_COMMANDS, "OpenPosition")
                .req(DISCRIMINATOR, "type", "OpenPosition", "QueryStatus")
                .req(ID, "commandId", id, id + "-dup")
                .req(ID, "account", marker, marker + "-dup")
                .req(ID, "venue", "paper", "binance-usdm")
                .req(SYMBOL, "symbol", "XAUUSD", "BTCUSDT")
                .req(ENUM, "side", "BUY", "SELL")
                .req(DECIMAL_POSITIVE, "quantity", "0.5", "2")
                .opt(DECIMAL_POSITIVE, "referencePrice", "2000.50", "2001")
                .opt(DECIMAL_POSITIVE, "stopLoss", "1950", "1940")
                .opt(DECIMAL_POSITIVE, "takeProfit", "2100", "2110")
                .plain("signalId", "sig-" + id)
                .opt(INTEGER_SIGNED, "chatId", UNLISTED_CHAT_ID, UNLISTED_CHAT_ID + 1)
                .opt(INSTANT, "issuedAt", T0, T1)
                .build();
    }

    private static WireTemplate closePosition(String marker, String id) {
        return commandHead("ClosePosition", marker, id)
                .req(ID, "venue", "paper", "binance-usdm")
                .req(SYMBOL, "symbol", "XAUUSD", "BTCUSDT")
                .opt(INTEGER_POSITIVE, "positionId", 42L, 43L)
                .opt(TEXT, "reason", "fuzz", null)
                .opt(INTEGER_SIGNED, "chatId", UNLISTED_CHAT_ID, UNLISTED_CHAT_ID + 1)
                .opt(INSTANT, "issuedAt", T0, T1)
                .build();
    }

    private static WireTemplate updateStops(String marker, String id) {
        // Either stop alone is enough, so neither is required.
        return commandHead("UpdateStops", marker, id)
                .req(ID, "venue", "paper", "binance-usdm")
                .req(SYMBOL, "symbol", "XAUUSD", "BTCUSDT")
                .opt(DECIMAL_POSITIVE, "stopLoss", "1960", "1955")
                .opt(DECIMAL_POSITIVE, "takeProfit", "2120", "2130")
                .opt(INSTANT, "issuedAt", T0, T1)
                .build();
    }

    private static WireTemplate history(String marker, String id) {
        return commandHead("History", marker, id)
                .opt(SYMBOL, "symbol", "XAUUSD", "BTCUSDT")
                .opt(INTEGER_POSITIVE, "limit", 10L, 20L)
                .opt(INTEGER_SIGNED, "chatId", UNLISTED_CHAT_ID, UNLISTED_CHAT_ID + 1)
                .opt(INSTANT, "issuedAt", T0, T1)
                .build();
    }

    private static Builder commandHead(String type, String marker, String id) {
        return new Builder(Topics.POSITION_COMMANDS, type)
                .req(DISCRIMINATOR, "type", type, "QueryStatus")
                .req(ID, "commandId", id, id + "-dup")
                .req(ID, "account", marker, marker + "-dup");
    }

    private static WireTemplate orderUpdateFilled(String marker, String id) {
        return new Builder(Topics.VENUE_EVENTS, "OrderUpdate FILLED")
                .req(ID, "account", marker, marker + "-dup")
                .req(ID, "venue", "paper", "binance-usdm")
                .req(SYMBOL, "symbol", "XAUUSD", "BTCUSDT")
                .req(ID, "clientOrderId", "pt-42-e-1", "pt-42-e-2")
                .opt(TEXT, "venueOrderId", "paper-" + id, null)
                .opt(ENUM, "side", "BUY", "SELL")
                .req(ENUM, "status", "FILLED", "PARTIALLY_FILLED")
                .req(DECIMAL_POSITIVE, "filledQuantity", "0.5", "0.4")
                .req(DECIMAL_POSITIVE, "averagePrice", "2000.5", "2000.6")
                .req(ID, "tradeId", id + "-trade", id + "-trade2")
                .opt(INSTANT, "eventTime", T0, T1)
                .opt(INSTANT, "transactionTime", T0, T1)
                // Zero is how some venues say "no trade in this update": only a negative one is unambiguous.
                .opt(DECIMAL_NON_NEGATIVE, "lastFilledQuantity", "0.5", "0.4")
                .opt(DECIMAL_POSITIVE, "lastFilledPrice", "2000.5", "2000.6")
                .build();
    }

    private static WireTemplate positionReport(String marker, String id) {
        // Not flat: a side is then required, and the quantity may be zero only without one.
        return new Builder(Topics.VENUE_EVENTS, "PositionReport")
                .req(DISCRIMINATOR, "type", "PositionReport", null)
                .req(ID, "reportId", id, id + "-dup")
                .req(ID, "account", marker, marker + "-dup")
                .req(ID, "venue", "paper", "binance-usdm")
                .req(SYMBOL, "symbol", "XAUUSD", "BTCUSDT")
                .req(ENUM, "side", "BUY", "SELL")
                .req(DECIMAL_NON_NEGATIVE, "quantity", "0.5", "0.7")
                .opt(DECIMAL_POSITIVE, "entryPrice", "2000.5", "2000.6")
                .req(BOOLEAN, "complete", true, false)
                .req(INSTANT, "asOf", T0, T1)
                .build();
    }

    private static WireTemplate marketTick() {
        // A tick has no id or account: the record key carries the marker.
        return new Builder(Topics.MARKET_TICKS, "MarketTick")
                .req(SYMBOL, "symbol", "XAUUSD", "BTCUSDT")
                .req(DECIMAL_POSITIVE, "bid", "2000.1", "2000.0")
                .req(DECIMAL_POSITIVE, "ask", "2000.3", "2000.4")
                .opt(DECIMAL_POSITIVE, "last", "2000.2", "2000.25")
                // Optional in the contract: a consumer places a tick without it at the record's timestamp.
                .opt(INSTANT, "venueTime", T0, T1)
                .build();
    }

    /** issuedAt is optional in the bot-commands contract (the Telegram message date, when known). */
    private static Builder botHead(String verb, String marker, String id) {
        return new Builder(Topics.BOT_COMMANDS, "BotCommand " + verb)
                .req(ID, "commandId", id, id + "-dup")
                .req(DISCRIMINATOR, "verb", verb, "POSITIONS")
                .req(ID, "account", marker, marker + "-dup");
    }

    private static WireTemplate botClose(String marker, String id) {
        // Symbol or position id: with both present, neither alone is required.
        return botHead("CLOSE", marker, id)
                .opt(SYMBOL, "symbol", "XAUUSD", "BTCUSDT")
                .opt(INTEGER_POSITIVE, "positionId", 42L, 43L)
                .opt(INTEGER_SIGNED, "chatId", UNLISTED_CHAT_ID, UNLISTED_CHAT_ID + 1)
                .opt(INTEGER_POSITIVE, "userId", 5550001L, 5550002L)
                .opt(INSTANT, "issuedAt", T0, T1)
                .build();
    }

    private static WireTemplate botStatus(String marker, String id) {
        return botHead("STATUS", marker, id)
                .req(SYMBOL, "symbol", "XAUUSD", "BTCUSDT")
                .opt(INTEGER_SIGNED, "chatId", UNLISTED_CHAT_ID, UNLISTED_CHAT_ID + 1)
                .opt(INTEGER_POSITIVE, "userId", 5550001L, 5550002L)
                .opt(INSTANT, "issuedAt", T0, T1)
                .build();
    }

    private static WireTemplate botStops(String marker, String id) {
        // Either stop alone is enough; with both present, neither alone is required.
        return botHead("UPDATE_STOPS", marker, id)
                .req(SYMBOL, "symbol", "XAUUSD", "BTCUSDT")
                .opt(DECIMAL_POSITIVE, "stopLoss", "1990", "1991")
                .opt(DECIMAL_POSITIVE, "takeProfit", "2030", "2031")
                .opt(INTEGER_SIGNED, "chatId", UNLISTED_CHAT_ID, UNLISTED_CHAT_ID + 1)
                .opt(INTEGER_POSITIVE, "userId", 5550001L, 5550002L)
                .opt(INSTANT, "issuedAt", T0, T1)
                .build();
    }

    private static WireTemplate botHistory(String marker, String id) {
        return botHead("HISTORY", marker, id)
                .opt(INTEGER_POSITIVE, "limit", 5L, 6L)
                .opt(INTEGER_SIGNED, "chatId", UNLISTED_CHAT_ID, UNLISTED_CHAT_ID + 1)
                .opt(INTEGER_POSITIVE, "userId", 5550001L, 5550002L)
                .opt(INSTANT, "issuedAt", T0, T1)
                .build();
    }

    private static WireTemplate positionEvent(String marker, String id) {
        return new Builder(Topics.POSITION_EVENTS, "PositionEvent PositionActivated")
                .req(ID, "eventId", "position-42-v3", "position-42-v4")
                .req(DISCRIMINATOR, "type", "PositionActivated", "PositionStopsUpdated")
                .req(INTEGER_POSITIVE, "positionId", 42L, 43L)
                .req(INTEGER_POSITIVE, "version", 3L, 4L)
                .plain("cause", id)
                .req(INSTANT, "occurredAt", T0, T1)
                .object("position", true, snapshot(marker))
                .build();
    }

    private static WireTemplate commandResult(String marker, String id) {
        return new Builder(Topics.COMMAND_RESULTS, "CommandResult STATUS")
                .req(ID, "commandId", id, id + "-dup")
                .opt(TEXT, "commandType", "QueryStatus", null)
                .req(ID, "account", marker, marker + "-dup")
                .opt(ID, "venue", "paper", "binance-usdm")
                .opt(SYMBOL, "symbol", "XAUUSD", "BTCUSDT")
                .opt(INTEGER_SIGNED, "chatId", UNLISTED_CHAT_ID, UNLISTED_CHAT_ID + 1)
                .req(DISCRIMINATOR, "outcome", "STATUS", "NOT_FOUND")
                .opt(TEXT, "message", "Position #42 is active", null)
                .object("position", false, snapshot(marker))
                .req(INSTANT, "producedAt", T0, T1)
                .build();
    }

    private static WireTemplate alert(String marker, String id) {
        ObjectNode details = JsonNodeFactory.instance.objectNode().put("positrack", "0.5").put("venue", "0.7");
        return new Builder(Topics.ALERTS, "Alert SIZE_MISMATCH")
                .req(ID, "alertId", id, id + "-dup")
                .req(TEXT, "type", "SIZE_MISMATCH", null)
                .req(ID, "account", marker, marker + "-dup")
                .opt(ID, "venue", "paper", "binance-usdm")
                .opt(SYMBOL, "symbol", "XAUUSD", "BTCUSDT")
                .opt(INTEGER_POSITIVE, "positionId", 42L, 43L)
                .opt(TEXT, "message", "venue holds 0.7, Positrack 0.5", null)
                .plainNode("details", details)
                .req(INSTANT, "raisedAt", T0, T1)
                .build();
    }

    private static WireTemplate signalIssued(String id) {
        return new Builder(Topics.SIGNALS, "SignalIssued")
                .req(ID, "signalId", id, id + "-dup")
                .req(SYMBOL, "symbol", "XAUUSD", "BTCUSDT")
                .opt(ID, "strategy", "ema-rsi-atr", "other")
                .req(ENUM, "side", "BUY", "SELL")
                .req(DECIMAL_POSITIVE, "entry", "2000.5", "2001")
                .req(DECIMAL_POSITIVE, "stopLoss", "1950", "1940")
                .req(DECIMAL_POSITIVE, "takeProfit", "2100", "2110")
                .opt(TEXT, "reason", "EMA cross, RSI 55", null)
                .req(INSTANT, "barEnd", T0, T0)
                .req(INSTANT, "validUntil", T1, T1)
                .build();
    }

    private static Consumer<Builder> snapshot(String marker) {
        return b -> b.req(INTEGER_POSITIVE, "id", 42L, 43L)
                .req(ID, "account", marker, marker + "-dup")
                .req(ID, "venue", "paper", "binance-usdm")
                .req(SYMBOL, "symbol", "XAUUSD", "BTCUSDT")
                .req(ENUM, "side", "BUY", "SELL")
                .req(ENUM, "status", "ACTIVE", "CLOSING")
                .req(DECIMAL_POSITIVE, "quantity", "0.5", "0.6")
                .opt(DECIMAL_NON_NEGATIVE, "filledQuantity", "0.5", "0.6")
                .opt(DECIMAL_NON_NEGATIVE, "remainingQuantity", "0.5", "0.6")
                .opt(DECIMAL_POSITIVE, "entryPrice", "2000.5", "2000.6")
                .opt(DECIMAL_POSITIVE, "stopLoss", "1950", "1940")
                .opt(DECIMAL_POSITIVE, "takeProfit", "2100", "2110")
                .opt(DECIMAL_SIGNED, "realizedPnl", "-1.25", "2.5")
                .opt(ENUM, "origin", "SIGNAL", "COMMAND")
                .plain("entryOrderId", "pt-42-e-1")
                .opt(INTEGER_NON_NEGATIVE, "exitAttempt", 0L, 1L)
                .req(INTEGER_POSITIVE, "version", 3L, 4L)
                .req(INSTANT, "openedAt", T0, T1)
                .opt(INSTANT, "updatedAt", T1, T0);
    }

    /** Builds the JSON and the field specs side by side, so they cannot drift apart. */
    private static final class Builder {
        private final String topic;
        private final String name;
        private final String prefix;
        private final ObjectNode json;
        private final List<FieldSpec> fields;

        Builder(String topic, String name) {
            this(topic, name, "", JsonNodeFactory.instance.objectNode(), new ArrayList<>());
        }

        private Builder(String topic, String name, String prefix, ObjectNode json, List<FieldSpec> fields) {
            this.topic = topic;
            this.name = name;
            this.prefix = prefix;
            this.json = json;
            this.fields = fields;
        }

        Builder req(FieldType type, String field, Object value, Object alternative) {
            return field(type, field, value, alternative, true);
        }

        Builder opt(FieldType type, String field, Object value, Object alternative) {
            return field(type, field, value, alternative, false);
        }

        Builder plain(String field, String value) {
            json.put(field, value);
            return this;
        }

        Builder plainNode(String field, JsonNode value) {
            json.set(field, value);
            return this;
        }

        Builder object(String field, boolean required, Consumer<Builder> content) {
            ObjectNode child = json.putObject(field);
            fields.add(new FieldSpec(prefix + field, OBJECT, required, null));
            content.accept(new Builder(topic, name, prefix + field + ".", child, fields));
            return this;
        }

        private Builder field(FieldType type, String field, Object value, Object alternative, boolean required) {
            json.set(field, node(value));
            fields.add(new FieldSpec(prefix + field, type, required, alternative == null ? null : node(alternative)));
            return this;
        }

        private static JsonNode node(Object value) {
            if (value instanceof String s) {
                return JsonNodeFactory.instance.textNode(s);
            }
            if (value instanceof Long l) {
                return JsonNodeFactory.instance.numberNode(l);
            }
            if (value instanceof Boolean b) {
                return JsonNodeFactory.instance.booleanNode(b);
            }
            throw new IllegalArgumentException("unsupported template value " + value);
        }

        WireTemplate build() {
            return new WireTemplate(topic, name, json, fields);
        }
    }
}
