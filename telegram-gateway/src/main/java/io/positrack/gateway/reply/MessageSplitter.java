package io.positrack.gateway.reply;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

/**
 * Splits an HTML message into parts the Bot API accepts (at most 4096 characters each): between lines where
 * possible, otherwise inside a line but never inside a tag or an entity, closing the open tags at the end of a
 * part and opening them again at the start of the next. Lengths are counted on the HTML, which is never shorter
 * than the text Telegram counts, so a part is never refused as too long.
 */
public final class MessageSplitter {

    public static final int TELEGRAM_LIMIT = 4096;

    private final int limit;

    public MessageSplitter(int limit) {
        if (limit < 64) {
            throw new IllegalArgumentException("limit too small to hold markup: " + limit);
        }
        this.limit = limit;
    }

    public List<String> split(String html) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : html.split("\n", -1)) {
            int joined = current.length() + (current.length() == 0 ? 0 : 1) + line.length();
            if (joined <= limit) {
                if (current.length() > 0) {
                    current.append('\n');
                }
                current.append(line);
                continue;
            }
            flush(current, parts);
            if (line.length() <= limit) {
                current.append(line);
            } else {
                List<String> pieces = splitLine(line);
                for (int i = 0; i < pieces.size() - 1; i++) {
                    add(pieces.get(i), parts);
                }
                current.append(pieces.get(pieces.size() - 1));
            }
        }
        flush(current, parts);
        return parts;
    }

    private static void flush(StringBuilder current, List<String> parts) {
        add(current.toString(), parts);
        current.setLength(0);
    }

    private static void add(String part, List<String> parts) {
        String trimmed = part.strip();
        if (!trimmed.isEmpty()) {
            parts.add(trimmed);
        }
    }

    /** Cuts one over-long line at token boundaries, keeping tags balanced in every piece. */
    private List<String> splitLine(String line) {
        List<String> pieces = new ArrayList<>();
        Deque<String[]> open = new ArrayDeque<>(); // {name, full opening tag}
        StringBuilder piece = new StringBuilder();
        int i = 0;
        while (i < line.length()) {
            int end = tokenEnd(line, i);
            String token = line.substring(i, end);
            if (piece.length() + token.length() + closingLength(open, token) > limit && piece.length() > reopenLength(open)) {
                pieces.add(piece + closing(open));
                piece.setLength(0);
                Iterator<String[]> outermostFirst = open.descendingIterator();
                while (outermostFirst.hasNext()) {
                    piece.append(outermostFirst.next()[1]);
                }
            }
            piece.append(token);
            track(open, token);
            i = end;
        }
        pieces.add(piece.toString());
        return pieces;
    }

    private static int tokenEnd(String line, int start) {
        char c = line.charAt(start);
        if (c == '<') {
            int close = line.indexOf('>', start);
            return close < 0 ? start + 1 : close + 1;
        }
        if (c == '&') {
            int semicolon = line.indexOf(';', start);
            return semicolon < 0 || semicolon - start > 10 ? start + 1 : semicolon + 1;
        }
        return Character.isHighSurrogate(c) && start + 1 < line.length() ? start + 2 : start + 1;
    }

    private static void track(Deque<String[]> open, String token) {
        if (!token.startsWith("<") || token.length() < 3) {
            return;
        }
        if (token.startsWith("</")) {
            if (!open.isEmpty()) {
                open.pop();
            }
        } else {
            String name = token.substring(1, token.length() - 1).split("[\\s=]", 2)[0];
            open.push(new String[] { name, token });
        }
    }

    /** Length of the closing tags needed after {@code token} is added. */
    private static int closingLength(Deque<String[]> open, String token) {
        int length = closing(open).length();
        if (token.startsWith("</") && !open.isEmpty()) {
            length -= ("</" + open.peek()[0] + ">").length();
        } else if (token.startsWith("<") && token.length() > 2) {
            length += token.split("[\\s=>]", 2)[0].length() + 2;
        }
        return length;
    }

    private static int reopenLength(Deque<String[]> open) {
        return open.stream().mapToInt(tag -> tag[1].length()).sum();
    }

    private static String closing(Deque<String[]> open) {
        StringBuilder out = new StringBuilder();
        for (String[] tag : open) {
            out.append("</").append(tag[0]).append('>');
        }
        return out.toString();
    }
}
