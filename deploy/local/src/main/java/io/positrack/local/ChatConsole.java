package io.positrack.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The terminal chat: each line typed is a message to the bot in the console's chat; the bot's replies and
 * notifications are printed as they arrive. Ends at end of input (Ctrl-D) or {@code /quit}.
 */
public final class ChatConsole {

    private final ChatView chat;
    private final PrintStream out;
    private final String symbol;

    public ChatConsole(ChatView chat, PrintStream out, String symbol) {
        this.chat = chat;
        this.out = out;
        this.symbol = symbol;
    }

    public void run(InputStream in) throws IOException {
        out.println();
        out.println("Chat with the bot: type /start, /getsignal " + symbol + ", /status, /positions, /close, /sessions, /help.");
        out.println("/quit or Ctrl-D ends the chat and stops everything; so does Ctrl-C.");
        Thread printer = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    chat.printNew();
                    ChatView.pause();
                } catch (RuntimeException e) {
                    return;
                }
            }
        }, "chat-printer");
        printer.setDaemon(true);
        printer.start();
        try {
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                String text = line.strip();
                if (text.equals("/quit") || text.equals("/exit")) {
                    break;
                }
                if (!text.isEmpty()) {
                    chat.say(text);
                }
            }
        } finally {
            printer.interrupt();
        }
    }
}
