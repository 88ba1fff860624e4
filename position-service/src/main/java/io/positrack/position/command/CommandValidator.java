package io.positrack.position.command;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.positrack.contracts.position.PositionCommand;
import io.positrack.contracts.position.PositionCommand.ClosePosition;
import io.positrack.contracts.position.PositionCommand.ExpirePending;
import io.positrack.contracts.position.PositionCommand.History;
import io.positrack.contracts.position.PositionCommand.OpenPosition;
import io.positrack.contracts.position.PositionCommand.QueryStatus;
import io.positrack.contracts.position.PositionCommand.UpdateStops;
import io.positrack.position.config.PositionConfig;
import io.positrack.position.venue.VenueDispatcher;
import io.positrack.runtime.rules.StopSides;

/**
 * Checks a parsed command before anything touches the database. Returns the problems found (empty
 * means valid): a bad command is an outcome, not an exception.
 */
@ApplicationScoped
public class CommandValidator {

    private static final Pattern ID = io.positrack.runtime.rules.Ids.FORM;
    private static final Pattern REQUESTED_AS = Pattern.compile("^[a-z]{1,32}$");

    /**
     * Longest close reason. It is copied into the position, so into every later event and answer about it:
     * bounded here, so that no command can make them too large to publish (see {@link Results}).
     */
    public static final int MAX_REASON_LENGTH = 200;

    /** Most days one PnL report lists: a quarter, small enough for one result. */
    public static final int MAX_REPORT_DAYS = 92;

    /** Longest signal id; it is copied into the position like a close reason. */
    static final int MAX_SIGNAL_ID_LENGTH = 128;

    private final Pattern symbol;
    private final BigDecimal maxQuantity;
    private final BigDecimal maxPrice;
    private final VenueDispatcher venues;

    public CommandValidator(PositionConfig config, VenueDispatcher venues) {
        this.venues = venues;
        this.symbol = Pattern.compile(config.validation().symbolPattern());
        this.maxQuantity = config.validation().maxQuantity();
        this.maxPrice = config.validation().maxPrice();
    }

    public List<String> problems(PositionCommand c) {
        List<String> problems = new ArrayList<>();
        identifier("commandId", c.commandId(), problems);
        identifier("account", c.account(), problems);
        if (c instanceof OpenPosition o) {
            venueAndSymbol(o.venue(), o.symbol(), problems);
            if (o.side() == null) {
                problems.add("side is required (BUY or SELL)");
            }
            quantity(o.quantity(), problems);
            price("referencePrice", o.referencePrice(), problems);
            price("stopLoss", o.stopLoss(), problems);
            price("takeProfit", o.takeProfit(), problems);
            StopSides.problem(o.side(), o.stopLoss(), o.takeProfit()).ifPresent(problems::add);
            if (o.signalId() != null && o.signalId().length() > MAX_SIGNAL_ID_LENGTH) {
                problems.add("signalId is longer than " + MAX_SIGNAL_ID_LENGTH + " characters");
            }
        } else if (c instanceof ClosePosition o) {
            venueAndSymbol(o.venue(), o.symbol(), problems);
            if (o.positionId() != null && o.positionId() < 1) {
                problems.add("positionId must be positive");
            }
            if (o.reason() != null && o.reason().length() > MAX_REASON_LENGTH) {
                problems.add("reason is longer than " + MAX_REASON_LENGTH + " characters");
            }
        } else if (c instanceof UpdateStops o) {
            venueAndSymbol(o.venue(), o.symbol(), problems);
            if (o.stopLoss() == null && o.takeProfit() == null) {
                problems.add("stopLoss or takeProfit is required");
            }
            price("stopLoss", o.stopLoss(), problems);
            price("takeProfit", o.takeProfit(), problems);
        } else if (c instanceof ExpirePending o) {
            venueAndSymbol(o.venue(), o.symbol(), problems);
            if (o.positionId() != null && o.positionId() < 1) {
                problems.add("positionId must be positive");
            }
        } else if (c instanceof QueryStatus o) {
            venueAndSymbol(o.venue(), o.symbol(), problems);
            if (o.requestedAs() != null && !REQUESTED_AS.matcher(o.requestedAs()).matches()) {
                problems.add("requestedAs must be 1-32 lower-case letters");
            }
        } else if (c instanceof History o) {
            optionalSymbol(o.symbol(), problems);
            if (o.limit() != null && o.limit() < 1) {
                problems.add("limit must be at least 1");
            }
        } else if (c instanceof PositionCommand.PauseEntries o) {
            optionalSymbol(o.symbol(), problems);
            if (o.reason() != null && o.reason().length() > MAX_REASON_LENGTH) {
                problems.add("reason is longer than " + MAX_REASON_LENGTH + " characters");
            }
        } else if (c instanceof PositionCommand.ResumeEntries o) {
            optionalSymbol(o.symbol(), problems);
        } else if (c instanceof PositionCommand.PnlReport o) {
            if (o.days() != null && (o.days() < 1 || o.days() > MAX_REPORT_DAYS)) {
                problems.add("days must be between 1 and " + MAX_REPORT_DAYS);
            }
        }
        return problems;
    }

    /** A refused value echoed in a problem, cut short: a megabyte "symbol" must not make the rejection a megabyte. */
    static String quoted(String value) {
        return "'" + (value.length() > 40 ? value.substring(0, 40) + "…" : value) + "'";
    }

    private void identifier(String field, String value, List<String> problems) {
        if (value == null || value.isBlank()) {
            problems.add(field + " is required");
        } else if (!ID.matcher(value).matches()) {
            problems.add(field + " has characters outside [A-Za-z0-9._:@/-] or is longer than 128");
        }
    }

    private void venueAndSymbol(String venue, String sym, List<String> problems) {
        identifier("venue", venue, problems);
        // A position on a venue nobody executes on could never fill or close.
        if (venue != null && ID.matcher(venue).matches() && !venues.knows(venue)) {
            problems.add("venue '" + venue + "' is not configured here (known: " + String.join(", ", venues.names()) + ")");
        }
        if (sym == null || sym.isBlank()) {
            problems.add("symbol is required");
        } else if (!symbol.matcher(sym).matches()) {
            problems.add("symbol " + quoted(sym) + " is not a valid symbol");
        }
    }

    private void optionalSymbol(String sym, List<String> problems) {
        if (sym != null && !symbol.matcher(sym).matches()) {
            problems.add("symbol " + quoted(sym) + " is not a valid symbol");
        }
    }

    private void quantity(BigDecimal q, List<String> problems) {
        if (q == null) {
            problems.add("quantity is required");
        } else if (q.signum() <= 0) {
            problems.add("quantity must be positive, was " + q.toPlainString());
        } else if (q.compareTo(maxQuantity) > 0) {
            problems.add("quantity " + q.toPlainString() + " exceeds the limit " + maxQuantity.toPlainString());
        } else if (q.stripTrailingZeros().scale() > 18) {
            problems.add("quantity has more than 18 decimals");
        }
    }

    private void price(String field, BigDecimal p, List<String> problems) {
        if (p == null) {
            return;
        }
        if (p.signum() <= 0) {
            problems.add(field + " must be positive, was " + p.toPlainString());
        } else if (p.compareTo(maxPrice) > 0) {
            problems.add(field + " " + p.toPlainString() + " is absurd (above " + maxPrice.toPlainString() + ")");
        } else if (p.stripTrailingZeros().scale() > 18) {
            problems.add(field + " has more than 18 decimals");
        }
    }
}
