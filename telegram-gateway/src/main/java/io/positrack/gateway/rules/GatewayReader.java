package io.positrack.gateway.rules;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;

import io.positrack.runtime.consumer.Decoded;
import io.positrack.runtime.consumer.Decoder;
import io.positrack.runtime.consumer.Refusal;
import io.positrack.runtime.wire.WireReader;

/**
 * How the gateway reads each topic: the runtime's {@link WireReader} with the gateway's {@link RecordRules}, and two
 * checks the wire reader does not make (found by the hostile campaign, issue #14; they belong in the runtime):
 * <ul>
 * <li>the bytes are well-formed UTF-8: Jackson decodes the overlong {@code C0 AF} as {@code /}, so an id or symbol
 * with it would read as a valid one ({@code XA/UUSD});</li>
 * <li>enum constants are spelled exactly: Jackson retries a miss trimmed, so {@code " BUY"} and {@code "BUY\u0000"} bind
 * to BUY.</li>
 * </ul>
 */
public final class GatewayReader<T> implements Decoder<T> {

    private final String name;
    private final WireReader<T> reader;
    private final BiFunction<T, JsonNode, List<String>> spelling;

    private GatewayReader(Class<T> type, WireReader<T> reader, BiFunction<T, JsonNode, List<String>> spelling) {
        this.name = type.getSimpleName();
        this.reader = reader;
        this.spelling = spelling;
    }

    public static <T> GatewayReader<T> of(Class<T> type, Function<T, List<String>> rules) {
        return of(type, rules, (value, raw) -> List.of());
    }

    public static <T> GatewayReader<T> of(Class<T> type, Function<T, List<String>> rules,
            BiFunction<T, JsonNode, List<String>> spelling) {
        return new GatewayReader<>(type, WireReader.of(type, rules), spelling);
    }

    @Override
    public Decoded<T> decode(byte[] value) {
        if (!wellFormedUtf8(value)) {
            return Decoded.refused(Refusal.notJson("the value is not well-formed UTF-8"), null);
        }
        Decoded<T> decoded = reader.decode(value);
        if (!decoded.valid()) {
            return decoded;
        }
        List<String> problems = spelling.apply(decoded.value(), decoded.raw());
        if (!problems.isEmpty()) {
            return Decoded.refused(Refusal.invalid("invalid " + name + ": " + String.join("; ", problems)), decoded.raw());
        }
        return decoded;
    }

    static boolean wellFormedUtf8(byte[] value) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(value));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
