package io.positrack.gateway.notify;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.positrack.contracts.Topics;
import io.positrack.contracts.signal.SignalIssued;
import io.positrack.gateway.botapi.Requests;
import io.positrack.gateway.command.ChatAccess;
import io.positrack.gateway.command.DeskKeyboards;
import io.positrack.gateway.reply.Html;
import io.positrack.gateway.reply.ReplyKind;
import io.positrack.gateway.reply.ReplySender;
import io.positrack.gateway.rules.RecordRules;
import io.positrack.runtime.consumer.ConsumerPipeline;
import io.positrack.runtime.consumer.Verdict;
import io.positrack.runtime.wire.WireReader;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The desk's push: each new signal from {@code signals} goes to every subscribed chat on the allow-list, once per
 * (signal, chat), with Open / Ignore buttons. A signal that expired before it arrived is not offered.
 */
@ApplicationScoped
public class SignalConsumer {

    private static final DateTimeFormatter UNTIL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private final WireReader<SignalIssued> signals;
    private final ConsumerPipeline pipeline;
    private final ChatAccess access;
    private final Subscriptions subscriptions;
    private final ReplySender sender;

    public SignalConsumer(ConsumerPipeline pipeline, ChatAccess access, Subscriptions subscriptions, ReplySender sender, RecordRules rules) {
        this.signals = rules.signals();
        this.pipeline = pipeline;
        this.access = access;
        this.subscriptions = subscriptions;
        this.sender = sender;
    }

    @Incoming(Topics.SIGNALS)
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        return pipeline.consume(record, signals, (signal, r) -> offer(signal));
    }

    private Uni<Verdict> offer(SignalIssued signal) {
        if (!Instant.now().isBefore(signal.validUntil())) {
            return Uni.createFrom().item(Verdict.applied());
        }
        String html = render(signal);
        Optional<Requests.InlineKeyboardMarkup> keyboard = DeskKeyboards.signal(signal.signalId(), signal.symbol());
        String text = keyboard.isPresent() ? html : html + "\n/getsignal " + Html.escape(signal.symbol()) + " opens it.";
        return subscriptions.subscribedAmong(access.allChats())
                .onItem().transformToMulti(chats -> Multi.createFrom().iterable(chats))
                .onItem().transformToUniAndConcatenate(chat -> sender.sendOnce("signal-" + signal.signalId() + "-chat-" + chat, chat,
                        ReplyKind.NOTIFICATION, text, keyboard.orElse(null)))
                .collect().last()
                .replaceWith(Verdict.applied());
    }

    public static String render(SignalIssued s) {
        StringBuilder html = new StringBuilder("📣 <b>Signal offered: ").append(s.side().name()).append(' ')
                .append(Html.escape(s.symbol())).append("</b>\n")
                .append("Entry: ").append(s.entry().toPlainString())
                .append(" · SL: ").append(s.stopLoss().toPlainString())
                .append(" · TP: ").append(s.takeProfit().toPlainString()).append('\n')
                .append("Valid until ").append(UNTIL.format(s.validUntil()));
        if (s.reason() != null && !s.reason().isBlank()) {
            html.append('\n').append("<i>").append(Html.escape(s.reason())).append("</i>");
        }
        return html.toString();
    }
}
