package io.positrack.position.command;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.positrack.contracts.position.PositionCommand;

/**
 * The SHA-256 (hex) of a parsed command's canonical JSON: what the inbox compares to tell a redelivery
 * from an id reused for another command.
 *
 * <p>The canonical form is the command as parsed, so how the sender wrote it (whitespace, field order,
 * {@code "3"} or {@code "3.00"}, a null written or left out) does not count, while every field's value
 * does. It uses a mapper of its own, not the application's, so a change to the service's JSON settings
 * cannot turn every redelivery into a conflict; the form must stay stable across releases for the same
 * reason (hashes are stored in {@code inbox}). Nulls are left out so that a field added later, absent
 * from older commands, leaves their hashes as they were.
 */
public final class CommandContentHash {

    private static final ObjectWriter CANONICAL = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .addModule(new SimpleModule().addSerializer(BigDecimal.class, new PlainDecimal()))
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
            .build()
            // Through the interface, so the type discriminator is part of the content.
            .writerFor(PositionCommand.class);

    private CommandContentHash() {
    }

    public static String of(PositionCommand command) {
        return sha256(canonical(command));
    }

    /** The canonical JSON that is hashed. */
    static String canonical(PositionCommand command) {
        try {
            return CANONICAL.writeValueAsString(command);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the canonical form of command " + command.commandId(), e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }

    /** One spelling per number: 3, 3.0 and 3.00 are the same quantity. */
    private static final class PlainDecimal extends StdSerializer<BigDecimal> {

        PlainDecimal() {
            super(BigDecimal.class);
        }

        @Override
        public void serialize(BigDecimal value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(value.stripTrailingZeros().toPlainString());
        }
    }
}
