package io.positrack.infra.telegram;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Set;

/**
 * Parses a message in Telegram's HTML parse mode the way the Bot API does, strictly: only the supported
 * tags, properly nested, and every {@code <}, {@code >} and {@code &} that is not markup written as an
 * entity. A message a real bot would get "can't parse entities" for is refused here too, so tests catch
 * escaping mistakes.
 */
final class TelegramHtml {

    private static final Set<String> TAGS = Set.of("b", "strong", "i", "em", "u", "ins", "s", "strike", "del",
            "span", "tg-spoiler", "a", "code", "pre", "blockquote", "tg-emoji");

    private TelegramHtml() {
    }

    /**
     * The text the user sees.
     *
     * @throws IllegalArgumentException with Telegram's wording when the markup does not parse
     */
    static String toPlainText(String html) {
        StringBuilder plain = new StringBuilder(html.length());
        Deque<String> open = new ArrayDeque<>();
        int i = 0;
        while (i < html.length()) {
            char c = html.charAt(i);
            if (c == '<') {
                int end = html.indexOf('>', i);
                if (end < 0) {
                    throw unparseable("Unclosed start tag at byte offset " + i);
                }
                String tag = html.substring(i + 1, end).trim();
                if (tag.startsWith("/")) {
                    String name = tag.substring(1).trim().toLowerCase(Locale.ROOT);
                    if (open.isEmpty() || !open.peek().equals(name)) {
                        throw unparseable("Unmatched end tag at byte offset " + i + ", expected \"</"
                                + (open.isEmpty() ? "" : open.peek()) + ">\", found \"</" + name + ">\"");
                    }
                    open.pop();
                } else {
                    String name = tag.split("[\\s=]", 2)[0].toLowerCase(Locale.ROOT);
                    if (!TAGS.contains(name)) {
                        throw unparseable("Unsupported start tag \"" + name + "\" at byte offset " + i);
                    }
                    open.push(name);
                }
                i = end + 1;
            } else if (c == '&') {
                int end = html.indexOf(';', i);
                if (end < 0 || end - i > 10) {
                    throw unparseable("Can't find end of the entity starting at byte offset " + i);
                }
                plain.append(entity(html.substring(i + 1, end), i));
                i = end + 1;
            } else if (c == '>') {
                throw unparseable("Character '>' is reserved and must be escaped with \"&gt;\" at byte offset " + i);
            } else {
                plain.append(c);
                i++;
            }
        }
        if (!open.isEmpty()) {
            throw unparseable("Can't find end tag corresponding to start tag \"" + open.peek() + "\"");
        }
        return plain.toString();
    }

    private static String entity(String name, int offset) {
        switch (name) {
            case "lt":
                return "<";
            case "gt":
                return ">";
            case "amp":
                return "&";
            case "quot":
                return "\"";
            default:
                if (name.startsWith("#")) {
                    try {
                        int code = name.startsWith("#x") || name.startsWith("#X")
                                ? Integer.parseInt(name.substring(2), 16) : Integer.parseInt(name.substring(1));
                        return new String(Character.toChars(code));
                    } catch (IllegalArgumentException e) {
                        throw unparseable("Invalid numeric entity at byte offset " + offset);
                    }
                }
                throw unparseable("Unsupported HTML entity \"&" + name + ";\" at byte offset " + offset);
        }
    }

    private static IllegalArgumentException unparseable(String detail) {
        return new IllegalArgumentException("Bad Request: can't parse entities: " + detail);
    }
}
