package io.positrack.local;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import io.positrack.infra.telegram.SentMessage;
import io.positrack.infra.telegram.TelegramBotApiStandIn;

/**
 * One chat with the bot through the stand-in, as the person at the terminal sees it: what they typed
 * ({@code you>}) and what the bot sent ({@code bot>}, the plain text Telegram would show), in order.
 */
public final class ChatView {

    private final TelegramBotApiStandIn standIn;
    private final long chatId;
    private final PrintStream out;
    private int printed;
    private Instant saidAt;
    private boolean awaitingAnswer;

    public ChatView(TelegramBotApiStandIn standIn, long chatId, PrintStream out) {
        this.standIn = standIn;
        this.chatId = chatId;
        this.out = out;
    }

    /** Types a message as the chat's user; returns how many bot messages the chat had before it. */
    public synchronized int say(String text) {
        printNew();
        int before = messages().size();
        standIn.sendUserMessage(chatId, chatId, text);
        saidAt = Instant.now();
        awaitingAnswer = true;
        out.println("you> " + text);
        return before;
    }

    /** Presses the button labelled {@code text} under a bot message, as the chat's user; returns the chat's message count. */
    public synchronized int press(SentMessage message, String text) {
        printNew();
        int before = messages().size();
        var button = message.buttons().stream().filter(b -> b.text().equals(text)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no button '" + text + "' under message " + message.messageId()));
        standIn.pressButton(chatId, chatId, message.messageId(), button.callbackData());
        saidAt = Instant.now();
        out.println("you> [" + text + "]");
        return before;
    }

    /** Prints the bot's messages not printed yet. */
    public synchronized void printNew() {
        List<SentMessage> all = messages();
        for (; printed < all.size(); printed++) {
            out.println("bot> " + all.get(printed).plainText().replace("\n", "\n     "));
            if (awaitingAnswer) {
                awaitingAnswer = false;
                // The stand-in stamps each message when the bot's sendMessage arrives: no polling delay in the figure.
                out.println("     (" + Duration.between(saidAt, all.get(printed).sentAt()).toMillis() + " ms after your message)");
            }
        }
    }

    /**
     * Waits for a bot message, among those after the first {@code after}, that matches; prints what arrives
     * meanwhile.
     */
    public Optional<SentMessage> await(int after, Predicate<String> matches, Duration within) {
        Instant deadline = Instant.now().plus(within);
        while (true) {
            printNew();
            List<SentMessage> all = messages();
            for (int i = after; i < all.size(); i++) {
                if (matches.test(all.get(i).plainText())) {
                    return Optional.of(all.get(i));
                }
            }
            if (Instant.now().isAfter(deadline)) {
                return Optional.empty();
            }
            pause();
        }
    }

    public List<SentMessage> messages() {
        return standIn.sentTo(chatId);
    }

    /** The stand-in records messages in memory and offers no notification: polling it is all there is. */
    public static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
