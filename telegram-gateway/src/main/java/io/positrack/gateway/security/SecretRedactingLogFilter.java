package io.positrack.gateway.security;

import java.util.logging.Filter;
import java.util.logging.LogRecord;

import org.jboss.logmanager.ExtLogRecord;

import io.quarkus.logging.LoggingFilter;

/**
 * Masks the bot token and the secrets in every log record, whoever logs it: our code never logs them,
 * but a library's exception message may quote a request URL, and the token is part of every Bot API URL.
 */
@LoggingFilter(name = "positrack-redact-secrets")
public final class SecretRedactingLogFilter implements Filter {

    private static final ThreadLocal<Boolean> LOADING = ThreadLocal.withInitial(() -> false);
    private volatile Secrets secrets;

    @Override
    public boolean isLoggable(LogRecord record) {
        Secrets known = secrets();
        if (known == null || known.isEmpty()) {
            return true;
        }
        if (record instanceof ExtLogRecord ext) {
            String formatted = ext.getFormattedMessage();
            if (known.containsAny(formatted)) {
                ext.setMessage(known.redact(formatted), ExtLogRecord.FormatStyle.NO_FORMAT);
                ext.setParameters(null);
            }
        } else if (known.containsAny(record.getMessage())) {
            record.setMessage(known.redact(record.getMessage()));
        }
        if (record.getThrown() != null && mentionsSecret(record.getThrown(), known)) {
            record.setThrown(redacted(record.getThrown(), known));
        }
        return true;
    }

    private Secrets secrets() {
        Secrets current = secrets;
        if (current == null && !LOADING.get()) {
            // Reading the configuration may itself log: never recurse into it from here.
            LOADING.set(true);
            try {
                current = Secrets.fromConfig();
                secrets = current;
            } catch (RuntimeException e) {
                return null;
            } finally {
                LOADING.set(false);
            }
        }
        return current;
    }

    private static boolean mentionsSecret(Throwable thrown, Secrets known) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (known.containsAny(t.getMessage()) || known.containsAny(t.toString())) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static Throwable redacted(Throwable original, Secrets known) {
        Throwable cause = original.getCause() == null || original.getCause() == original ? null
                : redacted(original.getCause(), known);
        RedactedException copy = new RedactedException(original.getClass().getName() + ": " + known.redact(original.getMessage()), cause);
        copy.setStackTrace(original.getStackTrace());
        return copy;
    }

    /** Stands in for an exception whose message quoted a secret; keeps its type name and stack. */
    static final class RedactedException extends RuntimeException {
        RedactedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
