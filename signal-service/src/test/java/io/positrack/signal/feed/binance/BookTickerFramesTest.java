package io.positrack.signal.feed.binance;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Frames of the combined stream are hostile input: only a well-formed bookTicker event becomes a tick. */
class BookTickerFramesTest {

    /** Binance's documented bookTicker event, in a combined stream frame. */
    static final String DOCUMENTED = "{\"stream\":\"btcusdt@bookTicker\",\"data\":{\"e\":\"bookTicker\",\"u\":400900217,"
            + "\"E\":1568014460893,\"T\":1568014460891,\"s\":\"BTCUSDT\",\"b\":\"25.35190000\",\"B\":\"31.21000000\","
            + "\"a\":\"25.36520000\",\"A\":\"40.66000000\"}}";

    @Test
    void theDocumentedFrameBecomesATickWithTheMiddleAsLastAndTheEventTime() {
        BookTickerFrames.Frame frame = BookTickerFrames.parse(DOCUMENTED);

        assertThat(frame.problem()).isNull();
        assertThat(frame.updateId()).isEqualTo(400900217L);
        assertThat(frame.tick().symbol()).isEqualTo("BTCUSDT");
        assertThat(frame.tick().bid()).isEqualByComparingTo("25.3519");
        assertThat(frame.tick().ask()).isEqualByComparingTo("25.3652");
        assertThat(frame.tick().last()).isEqualByComparingTo(new BigDecimal("25.35855"));
        assertThat(frame.tick().venueTime()).isEqualTo(Instant.ofEpochMilli(1568014460893L));
    }

    @Test
    void aSubscriptionAnswerIsAControlFrameNotAProblem() {
        BookTickerFrames.Frame frame = BookTickerFrames.parse("{\"result\":null,\"id\":1}");

        assertThat(frame.isTick()).isFalse();
        assertThat(frame.problem()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "not json",
            "[1,2]",
            "null",
            "{\"stream\":\"btcusdt@bookTicker\"}",
            "{\"stream\":\"btcusdt@aggTrade\",\"data\":{\"e\":\"bookTicker\",\"u\":1,\"E\":1568014460893,\"s\":\"BTCUSDT\",\"b\":\"1\",\"a\":\"2\"}}",
            "{\"stream\":\"btcusdt@bookTicker\",\"data\":{\"e\":\"trade\",\"u\":1,\"E\":1568014460893,\"s\":\"BTCUSDT\",\"b\":\"1\",\"a\":\"2\"}}",
            "{\"stream\":\"ethusdt@bookTicker\",\"data\":{\"e\":\"bookTicker\",\"u\":1,\"E\":1568014460893,\"s\":\"BTCUSDT\",\"b\":\"1\",\"a\":\"2\"}}",
            "{\"stream\":\"btc<b>@bookTicker\",\"data\":{\"e\":\"bookTicker\",\"u\":1,\"E\":1568014460893,\"s\":\"BTC<b>\",\"b\":\"1\",\"a\":\"2\"}}",
            "{\"stream\":\"btcusdt@bookTicker\",\"data\":{\"e\":\"bookTicker\",\"u\":1,\"E\":1568014460893,\"s\":\"BTCUSDT\",\"b\":1.5,\"a\":\"2\"}}",
            "{\"stream\":\"btcusdt@bookTicker\",\"data\":{\"e\":\"bookTicker\",\"u\":1,\"E\":1568014460893,\"s\":\"BTCUSDT\",\"b\":\"1e9\",\"a\":\"2\"}}",
            "{\"stream\":\"btcusdt@bookTicker\",\"data\":{\"e\":\"bookTicker\",\"u\":1,\"E\":1568014460893,\"s\":\"BTCUSDT\",\"b\":\"-1\",\"a\":\"2\"}}",
            "{\"stream\":\"btcusdt@bookTicker\",\"data\":{\"e\":\"bookTicker\",\"u\":1,\"E\":1568014460893,\"s\":\"BTCUSDT\",\"b\":\"0\",\"a\":\"2\"}}",
            "{\"stream\":\"btcusdt@bookTicker\",\"data\":{\"e\":\"bookTicker\",\"u\":1,\"E\":1568014460893,\"s\":\"BTCUSDT\",\"b\":\"3\",\"a\":\"2\"}}",
            "{\"stream\":\"btcusdt@bookTicker\",\"data\":{\"e\":\"bookTicker\",\"u\":1,\"E\":\"1568014460893\",\"s\":\"BTCUSDT\",\"b\":\"1\",\"a\":\"2\"}}",
            "{\"stream\":\"btcusdt@bookTicker\",\"data\":{\"e\":\"bookTicker\",\"u\":1,\"E\":1.5,\"s\":\"BTCUSDT\",\"b\":\"1\",\"a\":\"2\"}}",
            "{\"stream\":\"btcusdt@bookTicker\",\"data\":{\"e\":\"bookTicker\",\"u\":1,\"E\":99999999999999999999999,\"s\":\"BTCUSDT\",\"b\":\"1\",\"a\":\"2\"}}",
            "{\"stream\":\"btcusdt@bookTicker\",\"data\":{\"e\":\"bookTicker\",\"u\":-4,\"E\":1568014460893,\"s\":\"BTCUSDT\",\"b\":\"1\",\"a\":\"2\"}}",
            "{\"stream\":\"btcusdt@bookTicker\",\"data\":{\"e\":\"bookTicker\",\"E\":1568014460893,\"s\":\"BTCUSDT\",\"b\":\"1\",\"a\":\"2\"}}",
            "{\"stream\":\"btcusdt@bookTicker\",\"data\":[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]}",
    })
    void aHostileFrameIsAProblemNotATick(String text) {
        BookTickerFrames.Frame frame = BookTickerFrames.parse(text);

        assertThat(frame.isTick()).isFalse();
        assertThat(frame.problem()).isNotBlank();
    }

    @Test
    void anOversizedFrameIsRefusedUnread() {
        String padded = DOCUMENTED.replace("\"A\":", "\"x\":\"" + "a".repeat(BookTickerFrames.MAX_FRAME_CHARS) + "\",\"A\":");

        assertThat(BookTickerFrames.parse(padded).problem()).contains("at most");
    }
}
