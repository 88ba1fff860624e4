package io.positrack.gateway.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The values that must never reach a log line (the bot token, its secret half, the webhook secret, the
 * database password) and the one way to make text safe to log.
 */
public final class Secrets {

    /** Shorter values are not masked: an empty or tiny password would mask half of every line. */
    private static final int MIN_LENGTH = 6;
    private static final String MASK = "<redacted>";

    private final List<String> values;

    Secrets(List<String> values) {
        this.values = values.stream().filter(v -> v != null && v.length() >= MIN_LENGTH).distinct()
                // Longest first, so that the whole token is masked before its secret half.
                .sorted((a, b) -> b.length() - a.length()).toList();
    }

    /** The secrets of the running application's configuration. */
    public static Secrets fromConfig() {
        Config config = ConfigProvider.getConfig();
        List<String> values = new ArrayList<>();
        Optional<String> token = config.getOptionalValue("positrack.telegram.bot-token", String.class);
        token.ifPresent(t -> {
            values.add(t);
            int colon = t.indexOf(':');
            if (colon >= 0) {
                values.add(t.substring(colon + 1));
            }
        });
        config.getOptionalValue("positrack.telegram.webhook.secret", String.class).ifPresent(values::add);
        config.getOptionalValue("quarkus.datasource.password", String.class).ifPresent(values::add);
        return new Secrets(values);
    }

    public static Secrets of(String... values) {
        return new Secrets(List.of(values));
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    public boolean containsAny(String text) {
        return text != null && values.stream().anyMatch(text::contains);
    }

    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String value : values) {
            out = out.replace(value, MASK);
        }
        return out;
    }

    /** A one-line, safe description of a failure: its type and redacted message, and those of its causes. */
    public String describe(Throwable failure) {
        StringBuilder out = new StringBuilder();
        Throwable current = failure;
        for (int depth = 0; current != null && depth < 4; depth++, current = current.getCause()) {
            if (depth > 0) {
                out.append(" <- ");
            }
            out.append(current.getClass().getSimpleName());
            if (current.getMessage() != null) {
                out.append(": ").append(redact(current.getMessage()));
            }
        }
        return out.toString();
    }
}
