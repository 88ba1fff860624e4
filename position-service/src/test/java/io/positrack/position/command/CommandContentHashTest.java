package io.positrack.position.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.positrack.contracts.position.PositionCommand;
import io.positrack.contracts.position.Side;

class CommandContentHashTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());

    private static final PositionCommand.OpenPosition OPEN = new PositionCommand.OpenPosition("c-1", "acc", "paper", "XAUUSD",
            Side.BUY, new BigDecimal("0.5"), new BigDecimal("2650.4"), new BigDecimal("2630.5"), null, "sig-1", 42L,
            Instant.parse("2026-11-21T10:15:30Z"));

    @Test
    void theHashIsTheSha256HexOfTheCanonicalForm() throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(CommandContentHash.canonical(OPEN).getBytes(StandardCharsets.UTF_8));
        assertThat(CommandContentHash.of(OPEN)).isEqualTo(HexFormat.of().formatHex(digest)).isEqualTo(CommandContentHash.of(copy(OPEN)));
        // Pinned: hashes are stored in the inbox, so a change of form would turn redeliveries after an upgrade into conflicts.
        assertThat(CommandContentHash.canonical(OPEN)).isEqualTo("""
                {"type":"OpenPosition","account":"acc","chatId":42,"commandId":"c-1","issuedAt":"2026-11-21T10:15:30Z",\
                "quantity":"0.5","referencePrice":"2650.4","side":"BUY","signalId":"sig-1","stopLoss":"2630.5","symbol":"XAUUSD",\
                "venue":"paper"}""");
    }

    @Test
    void howTheSenderWroteTheCommandDoesNotChangeTheHash() throws Exception {
        String compact = """
                {"type":"OpenPosition","commandId":"c-1","account":"acc","venue":"paper","symbol":"XAUUSD","side":"BUY",\
                "quantity":"0.5","referencePrice":"2650.4","stopLoss":"2630.5","signalId":"sig-1","chatId":42,\
                "issuedAt":"2026-11-21T10:15:30Z"}""";
        // Other field order, whitespace, trailing zeros, numbers unquoted, an explicit null, other instant spelling.
        String reshuffled = """
                {
                  "issuedAt" : "2026-11-21T10:15:30.000Z",
                  "chatId" : 42,   "signalId" : "sig-1",
                  "takeProfit" : null,
                  "stopLoss" : 2630.50, "referencePrice" : "2650.40", "quantity" : "0.500",
                  "side" : "BUY", "symbol" : "XAUUSD", "venue" : "paper", "account" : "acc", "commandId" : "c-1",
                  "type" : "OpenPosition"
                }""";

        String expected = CommandContentHash.of(OPEN);
        assertThat(CommandContentHash.of(JSON.readValue(compact, PositionCommand.class))).isEqualTo(expected);
        assertThat(CommandContentHash.of(JSON.readValue(reshuffled, PositionCommand.class))).isEqualTo(expected);
    }

    @Test
    void changingOrDroppingAnyFieldChangesTheHash() throws Exception {
        PositionCommand.OpenPosition full = new PositionCommand.OpenPosition("c-1", "acc", "paper", "XAUUSD", Side.BUY,
                new BigDecimal("0.5"), new BigDecimal("2650.4"), new BigDecimal("2630.5"), new BigDecimal("2681.5"), "sig-1", 42L,
                Instant.parse("2026-11-21T10:15:30Z"));
        Map<String, Object> otherValues = Map.ofEntries(Map.entry("commandId", "c-2"), Map.entry("account", "acc-2"),
                Map.entry("venue", "binance"), Map.entry("symbol", "XAGUSD"), Map.entry("side", "SELL"), Map.entry("quantity", "0.51"),
                Map.entry("referencePrice", "2650.5"), Map.entry("stopLoss", "2630.4"), Map.entry("takeProfit", "2681.6"),
                Map.entry("signalId", "sig-2"), Map.entry("chatId", 43), Map.entry("issuedAt", "2026-11-21T10:15:30.001Z"));
        ObjectNode canonical = (ObjectNode) JSON.readTree(CommandContentHash.canonical(full));
        List<String> fields = new ArrayList<>();
        canonical.fieldNames().forEachRemaining(fields::add);
        // A field added to the command must be added here too.
        assertThat(fields).containsExactlyInAnyOrderElementsOf(concat("type", otherValues.keySet()));

        String original = CommandContentHash.of(full);
        Set<String> seen = new HashSet<>(Set.of(original));
        for (Map.Entry<String, Object> change : otherValues.entrySet()) {
            ObjectNode changed = canonical.deepCopy().set(change.getKey(), JSON.valueToTree(change.getValue()));
            assertThat(seen.add(hashOf(changed))).as("changing " + change.getKey()).isTrue();
            ObjectNode dropped = canonical.deepCopy();
            dropped.remove(change.getKey());
            assertThat(seen.add(hashOf(dropped))).as("dropping " + change.getKey()).isTrue();
        }
    }

    @Test
    void commandsOfOtherTypesWithTheSameFieldsHashDifferently() {
        Instant at = Instant.parse("2026-11-21T10:15:30Z");
        PositionCommand status = new PositionCommand.QueryStatus("c-1", "acc", "paper", "XAUUSD", 42L, at, null);
        PositionCommand expire = new PositionCommand.ExpirePending("c-1", "acc", "paper", "XAUUSD", 42L, at, null);

        assertThat(CommandContentHash.of(status)).isNotEqualTo(CommandContentHash.of(expire));
    }

    private static String hashOf(ObjectNode command) throws Exception {
        return CommandContentHash.of(JSON.treeToValue(command, PositionCommand.class));
    }

    private static List<String> concat(String first, Set<String> rest) {
        List<String> all = new ArrayList<>(rest);
        all.add(first);
        return all;
    }

    private static PositionCommand.OpenPosition copy(PositionCommand.OpenPosition o) {
        return new PositionCommand.OpenPosition(o.commandId(), o.account(), o.venue(), o.symbol(), o.side(), o.quantity(),
                o.referencePrice(), o.stopLoss(), o.takeProfit(), o.signalId(), o.chatId(), o.issuedAt());
    }
}
