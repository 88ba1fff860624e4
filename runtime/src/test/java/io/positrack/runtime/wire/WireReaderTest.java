package io.positrack.runtime.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.positrack.contracts.position.PositionCommand;
import io.positrack.runtime.consumer.Decoded;
import io.positrack.runtime.consumer.Refusal;

class WireReaderTest {

    private static final WireReader<PositionCommand> COMMANDS = WireReader.of(PositionCommand.class, c -> List.of());
    private static final String OPEN = "{\"type\":\"OpenPosition\",\"commandId\":\"c-1\",\"account\":\"a\",\"venue\":\"paper\","
            + "\"symbol\":\"XAUUSD\",\"side\":\"BUY\",\"quantity\":%s,\"chatId\":%s,\"issuedAt\":%s}";

    private static Decoded<PositionCommand> open(String quantity, String chatId, String issuedAt) {
        return COMMANDS.decode(OPEN.formatted(quantity, chatId, issuedAt).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aWellFormedCommandIsRead() {
        Decoded<PositionCommand> decoded = open("\"1.5\"", "7", "\"2026-12-01T10:00:00Z\"");
        assertThat(decoded.valid()).as(String.valueOf(decoded.refusal())).isTrue();
        assertThat(((PositionCommand.OpenPosition) decoded.value()).quantity()).isEqualByComparingTo("1.5");
    }

    @ParameterizedTest
    @ValueSource(strings = { "\"1 \"", "\" 1\"", "1.5", "\"1e2147483647\"", "\"NaN\"", "\"Infinity\"", "\"+1\"", "\"\"",
            "\"123456789012345678901\"", "\"0.0000000000000000001\"", "\"1234567890123456789012345678901234567890123456789012345678901\"" })
    void aQuantityThatIsNotAWireDecimalIsRefused(String quantity) {
        Decoded<PositionCommand> decoded = open(quantity, "7", "\"2026-12-01T10:00:00Z\"");
        assertThat(decoded.valid()).as(quantity).isFalse();
        assertThat(decoded.refusal().code()).isEqualTo(Refusal.Code.MALFORMED);
        assertThat(decoded.refusal().detail()).contains("quantity");
    }

    @ParameterizedTest
    @ValueSource(strings = { "1.5", "42.9", "\"7\"", "1e3", "true", "99999999999999999999999" })
    void anIntegerFieldGivenAnythingButAnIntegerIsRefused(String chatId) {
        Decoded<PositionCommand> decoded = open("\"1\"", chatId, "\"2026-12-01T10:00:00Z\"");
        assertThat(decoded.valid()).as(chatId).isFalse();
        assertThat(decoded.refusal().detail()).contains("chatId");
    }

    @ParameterizedTest
    @ValueSource(strings = { "1764583200", "\"2999-01-01T00:00:00Z\"", "\"0001-01-01T00:00:00Z\"", "\"yesterday\"", "{}" })
    void anInstantThatIsNotAPlausibleIsoStringIsRefused(String issuedAt) {
        Decoded<PositionCommand> decoded = open("\"1\"", "7", issuedAt);
        assertThat(decoded.valid()).as(issuedAt).isFalse();
        assertThat(decoded.refusal().detail()).contains("issuedAt");
    }

    @Test
    void aStringFieldGivenANumberIsRefused() {
        Decoded<PositionCommand> decoded = COMMANDS.decode(("{\"type\":\"ClosePosition\",\"commandId\":12,\"account\":\"a\","
                + "\"venue\":\"paper\",\"symbol\":\"XAUUSD\"}").getBytes(StandardCharsets.UTF_8));
        assertThat(decoded.valid()).isFalse();
        assertThat(decoded.refusal().detail()).contains("commandId");
    }

    @Test
    void aStringWithNulIsRefused() {
        Decoded<PositionCommand> decoded = COMMANDS.decode(("{\"type\":\"ClosePosition\",\"commandId\":\"c\",\"account\":\"a\","
                + "\"venue\":\"paper\",\"symbol\":\"XAU\\u0000USD\"}").getBytes(StandardCharsets.UTF_8));
        assertThat(decoded.valid()).isFalse();
        assertThat(decoded.refusal().detail()).contains("NUL");
    }

    @Test
    void duplicateKeysAreRefused() {
        Decoded<PositionCommand> decoded = COMMANDS.decode(("{\"type\":\"ClosePosition\",\"commandId\":\"c\",\"commandId\":\"d\","
                + "\"account\":\"a\",\"venue\":\"paper\",\"symbol\":\"XAUUSD\"}").getBytes(StandardCharsets.UTF_8));
        assertThat(decoded.valid()).isFalse();
        assertThat(decoded.refusal().code()).isEqualTo(Refusal.Code.NOT_JSON);
        assertThat(decoded.refusal().detail()).contains("Duplicate");
    }

    @Test
    void nestingDeeperThanTheBoundIsRefusedWhileParsing() {
        String deep = "{\"type\":\"ClosePosition\",\"x\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";
        Decoded<PositionCommand> decoded = COMMANDS.decode(deep.getBytes(StandardCharsets.UTF_8));
        assertThat(decoded.valid()).isFalse();
        assertThat(decoded.refusal().code()).isEqualTo(Refusal.Code.NOT_JSON);
    }

    @ParameterizedTest
    @ValueSource(strings = { "null", "[1,2]", "\"text\"", "42", "{\"type\":\"ClosePosition\"} trailing", "{\"type\":" })
    void somethingThatIsNotOneJsonObjectIsRefused(String value) {
        assertThat(COMMANDS.decode(value.getBytes(StandardCharsets.UTF_8)).valid()).as(value).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = { "\" BUY\"", "\"BUY \"", "\"buy\"", "0", "\"\"" })
    void anEnumIsReadOnlyFromItsExactName(String side) {
        Decoded<PositionCommand> decoded = COMMANDS.decode(OPEN.replace("\"side\":\"BUY\"", "\"side\":" + side)
                .formatted("\"1\"", "7", "\"2026-12-01T10:00:00Z\"").getBytes(StandardCharsets.UTF_8));
        assertThat(decoded.valid()).as(side).isFalse();
        assertThat(decoded.refusal().detail()).contains("side");
    }

    @Test
    void overlongUtf8IsRefusedBeforeParsing() {
        byte[] base = "{\"type\":\"ClosePosition\",\"commandId\":\"c?\",\"account\":\"a\",\"venue\":\"paper\",\"symbol\":\"XAUUSD\"}"
                .getBytes(StandardCharsets.UTF_8);
        int at = new String(base, StandardCharsets.UTF_8).indexOf('?');
        byte[] overlong = new byte[base.length + 1];
        System.arraycopy(base, 0, overlong, 0, at);
        overlong[at] = (byte) 0xC0;
        overlong[at + 1] = (byte) 0xAF; // an overlong '/'
        System.arraycopy(base, at + 1, overlong, at + 2, base.length - at - 1);
        Decoded<PositionCommand> decoded = COMMANDS.decode(overlong);
        assertThat(decoded.valid()).isFalse();
        assertThat(decoded.refusal().detail()).contains("UTF-8");
    }

    @Test
    void anUnknownTypeIsRefusedAsSuch() {
        Decoded<PositionCommand> decoded = COMMANDS.decode("{\"type\":\"LaunchRocket\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(decoded.refusal().code()).isEqualTo(Refusal.Code.UNKNOWN_TYPE);
        assertThat(decoded.refusal().detail()).contains("LaunchRocket");
    }

    @Test
    void bytesThatAreNotUtf8AreRefused() {
        byte[] garbage = { (byte) 0xff, (byte) 0xfe, 0x7b, (byte) 0xc3, 0x28, 0x00 };
        assertThat(COMMANDS.decode(garbage).valid()).isFalse();
    }

    @Test
    void theValidatorsProblemsRefuseTheRecordAsInvalid() {
        WireReader<PositionCommand> strict = WireReader.of(PositionCommand.class, c -> List.of("quantity too large"));
        Decoded<PositionCommand> decoded = strict.decode(OPEN.formatted("\"1\"", "7", "\"2026-12-01T10:00:00Z\"")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(decoded.refusal().code()).isEqualTo(Refusal.Code.INVALID);
        assertThat(decoded.refusal().detail()).isEqualTo("invalid PositionCommand: quantity too large");
        assertThat(decoded.raw().get("commandId").asText()).isEqualTo("c-1");
    }

    @Test
    void aValidatorThatThrowsRefusesTheRecordInsteadOfEscaping() {
        WireReader<PositionCommand> broken = WireReader.of(PositionCommand.class, c -> {
            throw new NegativeArraySizeException("-2147483647");
        });
        Decoded<PositionCommand> decoded = broken.decode(OPEN.formatted("\"1\"", "7", "\"2026-12-01T10:00:00Z\"")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(decoded.refusal().code()).isEqualTo(Refusal.Code.INVALID);
        assertThat(decoded.refusal().detail()).contains("NegativeArraySizeException");
    }
}
