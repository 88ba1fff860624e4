package io.positrack.gateway.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class CallbackDataTest {

    private static final Pattern SYMBOL = Pattern.compile("^[A-Z0-9]{2,20}$");

    @Test
    void everyButtonRoundTrips() {
        for (CallbackData data : new CallbackData[] { new CallbackData.Open("BTCUSDT-ema-20260101T000000Z", "BTCUSDT"),
                new CallbackData.Ignore("BTCUSDT-ema-20260101T000000Z", "BTCUSDT"), new CallbackData.ConfirmClose("XAUUSD", null),
                new CallbackData.ConfirmClose(null, 42L), new CallbackData.CancelClose("XAUUSD", null),
                new CallbackData.CancelClose(null, 42L) }) {
            String encoded = CallbackData.encode(data).orElseThrow();
            assertThat(CallbackData.decode(encoded, SYMBOL).data()).as(encoded).isEqualTo(data);
        }
    }

    @Test
    void theFormIsCompact() {
        assertThat(CallbackData.encode(new CallbackData.Open("BTCUSDT-ema-20260101T000000Z", "BTCUSDT"))).contains("o:BTCUSDT-ema-20260101T000000Z");
        assertThat(CallbackData.encode(new CallbackData.ConfirmClose(null, 7L))).contains("cc:#7");
        assertThat(CallbackData.encode(new CallbackData.CancelClose("XAUUSD", null))).contains("cx:XAUUSD");
    }

    @Test
    void dataThatWouldNotFitInSixtyFourBytesIsNotEncoded() {
        assertThat(CallbackData.encode(new CallbackData.Open("BTCUSDT-" + "x".repeat(60), "BTCUSDT"))).isEmpty();
        assertThat(CallbackData.encode(new CallbackData.Open("BTCUSDT-" + "x".repeat(54), "BTCUSDT"))).isPresent();
    }

    @Test
    void garbageAndForgeriesAreProblemsNotExceptions() {
        String[] hostile = { null, "", "garbage", ":", "o:", "o:bad id with spaces", "o:nodash", "o:lower-case", "i:../../etc",
                "cc:", "cc:#", "cc:#0", "cc:#-1", "cc:#12x", "cc:#99999999999999999999", "cc:drop table", "cx:<b>", "zz:BTCUSDT",
                "o:" + "A".repeat(63), "\u0000", "o:BTC\u00e9USDT-x" };
        for (String raw : hostile) {
            CallbackData.Decoded decoded = CallbackData.decode(raw, SYMBOL);
            assertThat(decoded.data()).as(String.valueOf(raw)).isNull();
            assertThat(decoded.problem()).as(String.valueOf(raw)).isNotBlank();
        }
    }

    @Test
    void anOpenNamesTheSymbolItsSignalIdStartsWith() {
        CallbackData.Decoded decoded = CallbackData.decode("o:ETHUSDT-ema-20260101T000000Z", SYMBOL);
        assertThat(decoded.data()).isEqualTo(new CallbackData.Open("ETHUSDT-ema-20260101T000000Z", "ETHUSDT"));
    }
}
