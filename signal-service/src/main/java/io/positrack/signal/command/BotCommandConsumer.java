package io.positrack.signal.command;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.JsonNode;

import io.positrack.contracts.Topics;
import io.positrack.contracts.bot.BotCommand;
import io.positrack.contracts.position.CommandResult;
import io.positrack.contracts.position.Outcome;
import io.positrack.runtime.consumer.ConsumerPipeline;
import io.positrack.runtime.consumer.Decoder;
import io.positrack.runtime.consumer.Refusal;
import io.positrack.runtime.consumer.Verdict;
import io.positrack.runtime.wire.WireReader;
import io.positrack.signal.config.Instrument;
import io.positrack.signal.config.Instruments;
import io.positrack.signal.config.SignalConfig;
import io.positrack.signal.freshness.MarketGate;
import io.positrack.signal.market.SignalRepository;
import io.positrack.signal.session.SessionRepository;
import io.positrack.signal.strategy.Signal;
import io.positrack.signal.support.Clock;
import io.smallrye.mutiny.Uni;

/**
 * The {@code bot-commands} consumer. Records of one partition are handled one at a time and each is done
 * only when what it caused is acknowledged by the broker: its position command on
 * {@code position-commands}, signal-service's own answer on {@code command-results}, or its dead letter.
 * So a symbol's commands leave in the order they arrived, and a crash re-reads (and re-sends, under the
 * same command id) only what had not been acknowledged. Refusals, retries and dead letters are the
 * pipeline's; a refused command that says who sent it is also answered REJECTED_INVALID.
 */
@ApplicationScoped
public class BotCommandConsumer {

    static final int DEFAULT_SESSIONS = 10;
    static final int MAX_SESSIONS = 100;

    private final ConsumerPipeline pipeline;
    private final Decoder<BotCommand> decoder;
    private final CommandTranslator translator;
    private final Instruments instruments;
    private final SignalRepository signals;
    private final SessionRepository sessions;
    private final PositionCommandPublisher publisher;
    private final AnswerPublisher answers;
    private final Clock clock;
    private final MarketGate gate;
    private final String venue;
    private final io.positrack.signal.market.SignalGenerator generator;

    public BotCommandConsumer(ConsumerPipeline pipeline, BotCommandValidator validator, SignalConfig config, Instruments instruments,
            SignalRepository signals, SessionRepository sessions, PositionCommandPublisher publisher, AnswerPublisher answers,
            Clock clock, MarketGate gate, io.positrack.signal.market.SignalGenerator generator) {
        this.gate = gate;
        this.venue = config.venue();
        this.generator = generator;
        this.pipeline = pipeline;
        this.decoder = WireReader.of(BotCommand.class, validator::problems);
        this.translator = new CommandTranslator(config.venue());
        this.instruments = instruments;
        this.signals = signals;
        this.sessions = sessions;
        this.publisher = publisher;
        this.answers = answers;
        this.clock = clock;
    }

    @Incoming(Topics.BOT_COMMANDS)
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        return pipeline.consume(record, decoder, this::handle, this::answerRefusal);
    }

    private Uni<Verdict> handle(BotCommand c, ConsumerRecord<String, byte[]> record) {
        switch (c.verb()) {
            case SESSIONS:
                return answerSessions(c);
            case GET_SIGNAL:
                // The signal decides what to ask position-service; whether a position exists is position-service's answer.
                return signals.latest(c.symbol())
                        .map(latest -> latest.filter(s -> s.isCurrentAt(clock.now())))
                        .flatMap(signal -> forward(c, signal, c.symbol()));
            case OPEN_SIGNAL:
                return openSignal(c);
            case CLOSE:
                if (c.symbol() == null) {
                    // position-service addresses a position by symbol too; every position's symbol is kept from its events.
                    return sessions.symbolOf(c.account(), c.positionId()).flatMap(symbol -> symbol.isPresent()
                            ? forward(c, Optional.empty(), symbol.get())
                            : Uni.createFrom().item(Verdict.refused("no position #" + c.positionId()
                                    + " of this account is known here (yet); name its symbol too")));
                }
                return forward(c, Optional.empty(), c.symbol());
            default:
                return forward(c, Optional.empty(), c.symbol());
        }
    }

    /**
     * Exactly the pushed signal, never a newer one; one that expired, belongs to another symbol or whose stops the market
     * already passed is answered with the reason and opens nothing.
     */
    private Uni<Verdict> openSignal(BotCommand c) {
        return signals.byId(c.signalId()).flatMap(found -> {
            Optional<String> whyNot = found.isEmpty() || !found.get().symbol().equals(c.symbol())
                    ? Optional.of("signal " + c.signalId() + " is not known here; nothing was opened")
                    : SignalOpenability.whyNot(found.get(), clock.now(), generator.lastPrice(c.symbol()));
            if (whyNot.isPresent()) {
                return answers.send(new CommandResult(c.commandId(), c.verb().name(), c.account(), null, c.symbol(), c.chatId(),
                        Outcome.REJECTED_STATE, whyNot.get(), null, null, clock.now(), null, null)).replaceWith(Verdict.applied());
            }
            return forward(c, found, c.symbol());
        });
    }

    private Uni<Verdict> forward(BotCommand c, Optional<Signal> signal, String symbol) {
        // A manual entry's own quantity, else the instrument's (the validator made sure there is one).
        var quantity = c.quantity() != null ? c.quantity()
                : symbol == null ? null : instruments.find(symbol).map(Instrument::quantity).orElse(null);
        var command = translator.translate(c, signal, quantity, symbol);
        Optional<String> refusal = gate.refusal(command);
        if (refusal.isPresent()) {
            // A valid command the market does not allow now: answered, not dead-lettered.
            return answers.send(new CommandResult(c.commandId(), c.verb().name(), c.account(), venue, symbol, c.chatId(),
                    Outcome.REJECTED_MARKET_DATA, refusal.get(), null, null, clock.now(), null, null)).replaceWith(Verdict.applied());
        }
        return publisher.send(command, c.verb()).replaceWith(Verdict.applied());
    }

    /** SESSIONS is signal-service's own read model: answered here, keyed like the command, with its command id. */
    private Uni<Verdict> answerSessions(BotCommand c) {
        int limit = c.limit() == null ? DEFAULT_SESSIONS : Math.min(c.limit(), MAX_SESSIONS);
        return sessions.list(c.account(), c.symbol(), null, null, limit).flatMap(list -> answers.send(new CommandResult(
                c.commandId(), c.verb().name(), c.account(), null, c.symbol(), c.chatId(), Outcome.SESSIONS,
                list.size() + " signal session(s)", null, null, clock.now(), null, list)))
                .replaceWith(Verdict.applied());
    }

    /**
     * After the dead letter: answers REJECTED_INVALID when the command names who to tell. Not for a handler
     * failure: that is our fault, not the command's, and its message is for operators, not for the chat.
     */
    private Uni<Void> answerRefusal(ConsumerRecord<String, byte[]> record, Refusal refusal, JsonNode raw) {
        if (refusal.code() == Refusal.Code.HANDLER_FAILED) {
            return Uni.createFrom().voidItem();
        }
        return Rejections.fromRaw(raw, refusal.detail(), clock.now()).map(answers::send).orElse(Uni.createFrom().voidItem());
    }
}
