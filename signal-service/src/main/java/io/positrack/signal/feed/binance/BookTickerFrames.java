package io.positrack.signal.feed.binance;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.positrack.contracts.market.MarketTick;
import io.positrack.runtime.rules.TickRules;

/**
 * Reads one text frame of a Binance USDⓈ-M futures combined stream ({@code {"stream":"btcusdt@bookTicker","data":{...}}})
 * into a tick. The frame is hostile input: anything that is not a well-formed {@code bookTicker} event of a
 * well-formed symbol with positive decimal prices (bid not above ask) and an event time is a {@link Frame#problem()}.
 * Pure: the event time is checked against our clock by the caller.
 */
public final class BookTickerFrames {

    /** Binance's bookTicker frames are about 250 bytes; anything far larger is not one. */
    static final int MAX_FRAME_CHARS = 4096;
    private static final int MAX_DECIMAL_CHARS = 40;

    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(8).maxNumberLength(40).maxStringLength(256).build())
            .build());

    /**
     * One frame's reading: a tick with Binance's order book update id ({@code u}, increasing per symbol), nothing
     * (a control answer such as {@code {"result":null,"id":1}}), or the problem that made it unusable.
     */
    public record Frame(MarketTick tick, long updateId, String problem) {
        static Frame bad(String problem) {
            return new Frame(null, 0, problem);
        }

        static Frame control() {
            return new Frame(null, 0, null);
        }

        public boolean isTick() {
            return tick != null;
        }
    }

    private BookTickerFrames() {
    }

    public static Frame parse(String text) {
        if (text == null || text.isEmpty()) {
            return Frame.bad("empty frame");
        }
        if (text.length() > MAX_FRAME_CHARS) {
            return Frame.bad("frame of " + text.length() + " characters (at most " + MAX_FRAME_CHARS + ")");
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException | RuntimeException e) {
            return Frame.bad("not JSON");
        }
        if (root == null || !root.isObject()) {
            return Frame.bad("not a JSON object");
        }
        if (root.has("result") && root.has("id") && !root.has("data")) {
            return Frame.control();
        }
        JsonNode stream = root.get("stream");
        JsonNode data = root.get("data");
        if (stream == null || !stream.isTextual() || data == null || !data.isObject()) {
            return Frame.bad("not a combined stream frame (stream and data)");
        }
        String streamName = stream.asText();
        int at = streamName.indexOf('@');
        if (at <= 0 || !streamName.substring(at + 1).equals("bookTicker")) {
            return Frame.bad("stream '" + shorten(streamName) + "' is not a bookTicker stream");
        }
        if (!"bookTicker".equals(text(data, "e"))) {
            return Frame.bad("event type is not bookTicker");
        }
        String symbol = text(data, "s");
        if (symbol == null || !TickRules.SYMBOL.matcher(symbol).matches()) {
            return Frame.bad("symbol is missing or not well-formed");
        }
        if (!streamName.substring(0, at).equals(symbol.toLowerCase(Locale.ROOT))) {
            return Frame.bad("symbol " + symbol + " does not match stream " + shorten(streamName));
        }
        BigDecimal bid = decimal(data, "b");
        BigDecimal ask = decimal(data, "a");
        if (bid == null || ask == null) {
            return Frame.bad("bid (b) and ask (a) must be decimal strings");
        }
        Long eventTime = integer(data, "E");
        Long updateId = integer(data, "u");
        if (eventTime == null || eventTime <= 0) {
            return Frame.bad("event time (E) must be a positive integer of milliseconds");
        }
        if (updateId == null || updateId < 0) {
            return Frame.bad("update id (u) must be a non-negative integer");
        }
        BigDecimal mid = bid.add(ask).divide(BigDecimal.valueOf(2));
        MarketTick tick = new MarketTick(symbol, bid, ask, mid, Instant.ofEpochMilli(eventTime));
        List<String> problems = TickRules.problems(tick);
        if (!problems.isEmpty()) {
            return Frame.bad(String.join("; ", problems));
        }
        return new Frame(tick, updateId, null);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    /** Binance sends prices as strings: a JSON number (a float already) or an exponent is refused. */
    private static BigDecimal decimal(JsonNode node, String field) {
        String value = text(node, field);
        if (value == null || value.isEmpty() || value.length() > MAX_DECIMAL_CHARS || !value.matches("[0-9]+(\\.[0-9]+)?")) {
            return null;
        }
        return new BigDecimal(value);
    }

    private static Long integer(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isIntegralNumber() && value.canConvertToLong() ? value.asLong() : null;
    }

    private static String shorten(String value) {
        return value.length() <= 64 ? value : value.substring(0, 64) + "…";
    }
}
