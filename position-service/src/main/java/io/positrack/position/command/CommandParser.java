package io.positrack.position.command;

import jakarta.enterprise.context.ApplicationScoped;

import io.positrack.contracts.position.PositionCommand;
import io.positrack.runtime.consumer.Decoded;
import io.positrack.runtime.consumer.Decoder;
import io.positrack.runtime.wire.WireReader;

/** Turns a {@code position-commands} value into a valid command, or into the reason it is not one. */
@ApplicationScoped
public class CommandParser implements Decoder<PositionCommand> {

    private final WireReader<PositionCommand> reader;

    public CommandParser(CommandValidator validator) {
        this.reader = WireReader.of(PositionCommand.class, validator::problems);
    }

    @Override
    public Decoded<PositionCommand> decode(byte[] value) {
        return reader.decode(value);
    }
}
