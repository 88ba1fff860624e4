package io.positrack.signal.intake;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.positrack.runtime.rules.Ids;
import io.positrack.signal.config.SignalConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

/**
 * Refuses to start with a source that could not work or would be easy to forge: a misconfigured webhook is
 * found by the operator at deploy time, not by a trader whose alerts were silently refused.
 */
@ApplicationScoped
public class IntakeSourcesCheck {

    static final int MIN_SECRET_LENGTH = 24;
    private static final Pattern NAME = Pattern.compile("^[a-z0-9-]{1,32}$");

    private final SignalConfig config;

    public IntakeSourcesCheck(SignalConfig config) {
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        List<String> problems = problems(config.intake(), Pattern.compile(config.symbolPattern()));
        if (!problems.isEmpty()) {
            throw new IllegalStateException("positrack.signal.intake: " + String.join("; ", problems));
        }
        config.intake().forEach((name, source) -> Log.infof("Alert source %s (%s) trades account %s on %d symbol(s)", name,
                source.format(), source.account(), source.symbols().size()));
    }

    /** Pure: what is wrong with these sources (never echoing a secret). */
    static List<String> problems(Map<String, IntakeSource> sources, Pattern symbol) {
        List<String> problems = new ArrayList<>();
        sources.forEach((name, source) -> {
            if (!NAME.matcher(name).matches()) {
                problems.add("source name '" + name + "' must be 1-32 of a-z 0-9 -");
            }
            if (source.secret().length() < MIN_SECRET_LENGTH) {
                problems.add(name + ": secret must be at least " + MIN_SECRET_LENGTH + " characters");
            }
            if (!Ids.FORM.matcher(source.account()).matches()) {
                problems.add(name + ": account is not a valid id");
            }
            if (source.quantity().signum() <= 0) {
                problems.add(name + ": quantity must be positive");
            }
            if (source.symbols().isEmpty()) {
                problems.add(name + ": symbols maps no ticker; every alert would be refused");
            }
            source.symbols().forEach((ticker, mapped) -> {
                if (!symbol.matcher(mapped).matches()) {
                    problems.add(name + ": ticker " + ticker + " maps to '" + mapped + "', which is not a valid symbol");
                }
            });
        });
        return problems;
    }
}
