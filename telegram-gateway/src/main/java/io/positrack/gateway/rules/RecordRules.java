package io.positrack.gateway.rules;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;


import io.positrack.contracts.alert.Alert;
import io.positrack.contracts.market.MarketTick;
import io.positrack.contracts.position.CommandResult;
import io.positrack.contracts.position.PositionEvent;
import io.positrack.contracts.position.PositionSnapshot;
import io.positrack.gateway.config.GatewayConfig;
import io.positrack.runtime.rules.OutsideClock;
import io.positrack.runtime.rules.TickRules;
import io.positrack.runtime.wire.WireReader;

/**
 * What a {@code command-results}, {@code position-events} or {@code alerts} record must satisfy before the gateway
 * renders it: ids of the form every service uses, well-formed symbols, required fields present, amounts of the
 * right sign, a snapshot that belongs to its event. The strict wire reader has already bounded decimals and
 * instants and refused coerced types; these are the rules it cannot know. A record that breaks one is
 * dead-lettered, never shown to a chat and never skipped as "not for us".
 */
@ApplicationScoped
public class RecordRules {

    /** The id form every Positrack service accepts (position-service's and signal-service's validators). */
    static final Pattern ID = io.positrack.runtime.rules.Ids.FORM;
    static final int MAX_ALERT_TYPE = 64;
    /** A signal's reason is a line of indicator values; more would crowd the pushed message. */
    static final int MAX_SIGNAL_REASON = 500;
    /** Most days a PnL report lists (position-service answers at most 92). */
    static final int MAX_PNL_DAYS = 92;

    private final Pattern symbol;

    @Inject
    public RecordRules(GatewayConfig config) {
        this(Pattern.compile(config.symbolPattern()));
    }

    public RecordRules(Pattern symbol) {
        this.symbol = symbol;
    }

    /** The reader of {@code command-results}. */
    public WireReader<CommandResult> results() {
        return WireReader.of(CommandResult.class, this::problems);
    }

    /** The reader of {@code position-events}. */
    public WireReader<PositionEvent> events() {
        return WireReader.of(PositionEvent.class, this::problems);
    }

    /** The reader of {@code alerts}. */
    public WireReader<Alert> alerts() {
        return WireReader.of(Alert.class, this::problems);
    }

    /** The reader of {@code signals}. */
    public WireReader<io.positrack.contracts.signal.SignalIssued> signals() {
        return WireReader.of(io.positrack.contracts.signal.SignalIssued.class, this::problems);
    }

    /** The reader of {@code market-ticks}: the shared tick rules, with the tick's time checked against our clock. */
    public WireReader<MarketTick> ticks(OutsideClock clock) {
        return WireReader.of(MarketTick.class, t -> TickRules.problems(t, clock));
    }

    public List<String> problems(CommandResult r) {
        List<String> problems = new ArrayList<>();
        id("commandId", r.commandId(), true, problems);
        id("account", r.account(), true, problems);
        id("venue", r.venue(), false, problems);
        symbol("symbol", r.symbol(), false, problems);
        if (r.outcome() == null) {
            problems.add("outcome is required");
        }
        if (r.producedAt() == null) {
            problems.add("producedAt is required");
        }
        if (r.position() != null) {
            snapshot("position.", r.position(), problems);
        }
        if (r.positions() != null) {
            for (int i = 0; i < r.positions().size(); i++) {
                PositionSnapshot p = r.positions().get(i);
                if (p == null) {
                    problems.add("positions[" + i + "] is null");
                } else {
                    snapshot("positions[" + i + "].", p, problems);
                }
            }
        }
        if (r.pnl() != null) {
            pnl(r.pnl(), problems);
        }
        return problems;
    }

    /** A PnL report: a bounded number of days, every line whole, so the reply stays one short message. */
    private static void pnl(io.positrack.contracts.position.PnlSummary s, List<String> problems) {
        if (s.total() == null) {
            problems.add("pnl.total is required");
        } else {
            pnlLine("pnl.total.", s.total(), problems);
        }
        if (s.days() != null) {
            if (s.days().size() > MAX_PNL_DAYS) {
                problems.add("pnl.days lists more than " + MAX_PNL_DAYS + " days");
                return;
            }
            for (int i = 0; i < s.days().size(); i++) {
                var line = s.days().get(i);
                if (line == null || line.from() == null) {
                    problems.add("pnl.days[" + i + "] needs from");
                } else {
                    pnlLine("pnl.days[" + i + "].", line, problems);
                }
            }
        }
    }

    private static void pnlLine(String prefix, io.positrack.contracts.position.PnlSummary.Line l, List<String> problems) {
        if (l.positions() < 0 || l.wins() < 0 || l.losses() < 0 || l.wins() + (long) l.losses() > l.positions()) {
            problems.add(prefix + "positions, wins and losses must be counts, wins + losses at most positions");
        }
        if (l.gross() == null || l.fees() == null || l.funding() == null || l.net() == null) {
            problems.add(prefix + "gross, fees, funding and net are required");
        }
    }

    public List<String> problems(PositionEvent e) {
        List<String> problems = new ArrayList<>();
        id("eventId", e.eventId(), true, problems);
        if (e.type() == null) {
            problems.add("type is required");
        }
        positive("positionId", e.positionId(), problems);
        positive("version", e.version(), problems);
        if (e.occurredAt() == null) {
            problems.add("occurredAt is required");
        }
        if (e.position() == null) {
            problems.add("position is required");
            return problems;
        }
        snapshot("position.", e.position(), problems);
        // An event about one position carrying another's snapshot would announce the wrong position.
        if (e.positionId() != e.position().id() || e.version() != e.position().version()) {
            problems.add("positionId and version must be those of the position snapshot");
        }
        return problems;
    }

    public List<String> problems(Alert a) {
        List<String> problems = new ArrayList<>();
        id("alertId", a.alertId(), true, problems);
        if (a.type() == null || a.type().isBlank() || a.type().length() > MAX_ALERT_TYPE) {
            problems.add("type is required (1-" + MAX_ALERT_TYPE + " characters)");
        }
        id("account", a.account(), true, problems);
        id("venue", a.venue(), false, problems);
        symbol("symbol", a.symbol(), false, problems);
        if (a.positionId() != null) {
            positive("positionId", a.positionId(), problems);
        }
        if (a.raisedAt() == null) {
            problems.add("raisedAt is required");
        }
        return problems;
    }

    /** A pushed signal: every figure present and positive, a short reason, a validity after its bar. */
    public List<String> problems(io.positrack.contracts.signal.SignalIssued s) {
        List<String> problems = new ArrayList<>();
        id("signalId", s.signalId(), true, problems);
        symbol("symbol", s.symbol(), true, problems);
        id("strategy", s.strategy(), false, problems);
        if (s.side() == null) {
            problems.add("side is required");
        }
        if (s.entry() == null || s.stopLoss() == null || s.takeProfit() == null) {
            problems.add("entry, stopLoss and takeProfit are required");
        } else {
            positive("entry", s.entry(), problems);
            positive("stopLoss", s.stopLoss(), problems);
            positive("takeProfit", s.takeProfit(), problems);
        }
        if (s.reason() != null && s.reason().length() > MAX_SIGNAL_REASON) {
            problems.add("reason is longer than " + MAX_SIGNAL_REASON + " characters");
        }
        if (s.barEnd() == null || s.validUntil() == null) {
            problems.add("barEnd and validUntil are required");
        } else if (!s.validUntil().isAfter(s.barEnd())) {
            problems.add("validUntil must be after barEnd");
        }
        return problems;
    }

    private void snapshot(String at, PositionSnapshot p, List<String> problems) {
        positive(at + "id", p.id(), problems);
        id(at + "account", p.account(), true, problems);
        id(at + "venue", p.venue(), true, problems);
        symbol(at + "symbol", p.symbol(), true, problems);
        if (p.side() == null || p.status() == null) {
            problems.add(at + "side and status are required");
        }
        if (p.quantity() == null) {
            problems.add(at + "quantity is required");
        } else {
            positive(at + "quantity", p.quantity(), problems);
        }
        nonNegative(at + "filledQuantity", p.filledQuantity(), problems);
        nonNegative(at + "remainingQuantity", p.remainingQuantity(), problems);
        positive(at + "entryPrice", p.entryPrice(), problems);
        positive(at + "exitPrice", p.exitPrice(), problems);
        positive(at + "stopLoss", p.stopLoss(), problems);
        positive(at + "takeProfit", p.takeProfit(), problems);
        if (p.exitAttempt() < 0) {
            problems.add(at + "exitAttempt cannot be negative");
        }
        positive(at + "version", p.version(), problems);
        if (p.openedAt() == null) {
            problems.add(at + "openedAt is required");
        }
    }

    private static void id(String field, String value, boolean required, List<String> problems) {
        if (value == null) {
            if (required) {
                problems.add(field + " is required");
            }
        } else if (!ID.matcher(value).matches()) {
            problems.add(field + " is not 1-128 of [A-Za-z0-9._:@/-]");
        }
    }

    private void symbol(String field, String value, boolean required, List<String> problems) {
        if (value == null) {
            if (required) {
                problems.add(field + " is required");
            }
        } else if (!symbol.matcher(value).matches()) {
            problems.add(field + " is not a well-formed symbol");
        }
    }

    private static void positive(String field, long value, List<String> problems) {
        if (value <= 0) {
            problems.add(field + " must be positive");
        }
    }

    /** Optional amounts: checked only when present. */
    private static void positive(String field, BigDecimal value, List<String> problems) {
        if (value != null && value.signum() <= 0) {
            problems.add(field + " must be positive");
        }
    }

    private static void nonNegative(String field, BigDecimal value, List<String> problems) {
        if (value != null && value.signum() < 0) {
            problems.add(field + " cannot be negative");
        }
    }
}
