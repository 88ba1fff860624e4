package io.positrack.signal.command;

import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.positrack.contracts.Topics;
import io.positrack.contracts.bot.BotCommand;
import io.positrack.contracts.position.CommandResult;
import io.positrack.contracts.position.Outcome;
import io.positrack.signal.config.Instrument;
import io.positrack.signal.config.Instruments;
import io.positrack.signal.config.SignalConfig;
import io.positrack.signal.deadletter.DeadLetterPublisher;
import io.positrack.signal.market.SignalRepository;
import io.positrack.signal.session.SessionRepository;
import io.positrack.signal.strategy.Signal;
import io.positrack.signal.support.Clock;
import io.positrack.signal.support.TransientFailures;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * The {@code bot-commands} consumer. Records of one partition are handled one at a time and each is done
 * only when what it caused is acknowledged by the broker: its position command on
 * {@code position-commands}, or signal-service's own answer on {@code command-results}. So a symbol's
 * commands leave in the order they arrived, and a crash re-reads (and re-sends, under the same command id)
 * only what had not been acknowledged.
 */
@ApplicationScoped
public class BotCommandConsumer {

    static final int DEFAULT_SESSIONS = 10;
    static final int MAX_SESSIONS = 100;

    private final BotCommandParser parser;
    private final CommandTranslator translator;
    private final Instruments instruments;
    private final SignalRepository signals;
    private final SessionRepository sessions;
    private final PositionCommandPublisher publisher;
    private final AnswerPublisher answers;
    private final DeadLetterPublisher deadLetters;
    private final Clock clock;

    public BotCommandConsumer(BotCommandParser parser, SignalConfig config, Instruments instruments, SignalRepository signals,
            SessionRepository sessions, PositionCommandPublisher publisher, AnswerPublisher answers, DeadLetterPublisher deadLetters,
            Clock clock) {
        this.parser = parser;
        this.translator = new CommandTranslator(config.venue());
        this.instruments = instruments;
        this.signals = signals;
        this.sessions = sessions;
        this.publisher = publisher;
        this.answers = answers;
        this.deadLetters = deadLetters;
        this.clock = clock;
    }

    @Incoming(Topics.BOT_COMMANDS)
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        BotCommandParser.Parsed parsed = parser.parse(record.value());
        if (!parsed.valid()) {
            return reject(record, parsed.problem(), Rejections.fromRaw(parsed.raw(), parsed.problem(), clock.now()));
        }
        BotCommand command = parsed.command();
        return handle(record, command)
                .onFailure(TransientFailures::isTransient).retry().withBackOff(Duration.ofMillis(100), Duration.ofSeconds(5))
                .indefinitely()
                .onFailure().recoverWithUni(e -> {
                    Log.errorf(e, "Bot command %s could not be handled", command.commandId());
                    return deadLetters.send(record, "processing failed: " + e.getClass().getSimpleName() + ": " + e.getMessage());
                });
    }

    private Uni<Void> handle(ConsumerRecord<String, String> record, BotCommand c) {
        switch (c.verb()) {
            case SESSIONS:
                return answerSessions(c);
            case GET_SIGNAL:
                // The signal decides what to ask position-service; whether a position exists is position-service's answer.
                return signals.latest(c.symbol())
                        .map(latest -> latest.filter(s -> s.isCurrentAt(clock.now())))
                        .flatMap(signal -> forward(c, signal, c.symbol()));
            case CLOSE:
                if (c.symbol() == null) {
                    // position-service addresses a position by symbol too; a signal position's symbol is in its session.
                    return sessions.symbolOf(c.account(), c.positionId()).flatMap(symbol -> {
                        if (symbol.isPresent()) {
                            return forward(c, Optional.empty(), symbol.get());
                        }
                        String problem = "position #" + c.positionId() + " is not a signal position known here; name its symbol too";
                        return reject(record, "invalid CLOSE: " + problem, Optional.of(Rejections.of(c, problem, clock.now())));
                    });
                }
                return forward(c, Optional.empty(), c.symbol());
            default:
                return forward(c, Optional.empty(), c.symbol());
        }
    }

    private Uni<Void> forward(BotCommand c, Optional<Signal> signal, String symbol) {
        var quantity = instruments.find(symbol).map(Instrument::quantity).orElse(null);
        return publisher.send(translator.translate(c, signal, quantity, symbol), c.verb());
    }

    /** SESSIONS is signal-service's own read model: answered here, keyed like the command, with its command id. */
    private Uni<Void> answerSessions(BotCommand c) {
        int limit = c.limit() == null ? DEFAULT_SESSIONS : Math.min(c.limit(), MAX_SESSIONS);
        return sessions.list(c.account(), c.symbol(), null, null, limit).flatMap(list -> answers.send(new CommandResult(
                c.commandId(), c.verb().name(), c.account(), null, c.symbol(), c.chatId(), Outcome.SESSIONS,
                list.size() + " signal session(s)", null, null, clock.now(), null, list)));
    }

    /** Dead-letters the record and, when the command says who to tell, answers REJECTED_INVALID. */
    private Uni<Void> reject(ConsumerRecord<String, String> record, String problem, Optional<CommandResult> answer) {
        return deadLetters.send(record, problem)
                .call(() -> answer.map(answers::send).orElse(Uni.createFrom().voidItem()));
    }
}
