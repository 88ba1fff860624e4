package io.positrack.signal.session;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.positrack.contracts.position.PositionEvent;
import io.positrack.contracts.position.PositionSnapshot;
import io.positrack.signal.config.Instruments;
import io.positrack.signal.support.Identifiers;

/**
 * What a {@code position-events} record must be before the session read model sees it (empty means valid):
 * the contract's fields with their forms (ids, symbol), the amounts with their signs. An event position-service
 * could not have written is refused as a whole, even when the read model would use only part of it.
 */
@ApplicationScoped
public class PositionEventValidator {

    private final Instruments instruments;

    public PositionEventValidator(Instruments instruments) {
        this.instruments = instruments;
    }

    public List<String> problems(PositionEvent e) {
        List<String> problems = new ArrayList<>();
        Identifiers.check("eventId", e.eventId(), problems);
        if (e.positionId() < 1 || e.version() < 1 || e.type() == null || e.occurredAt() == null) {
            problems.add("position event needs positionId, version, type and occurredAt");
        }
        PositionSnapshot p = e.position();
        if (p == null) {
            problems.add("position event without position");
            return problems;
        }
        if (p.id() != e.positionId() || p.version() != e.version()) {
            problems.add("position event's snapshot is of another position or version");
        }
        if (p.account() == null || p.venue() == null || p.symbol() == null || p.side() == null || p.status() == null
                || p.openedAt() == null) {
            problems.add("position snapshot needs account, venue, symbol, side, status and openedAt");
        }
        if (p.account() != null) {
            Identifiers.check("position.account", p.account(), problems);
        }
        if (p.venue() != null) {
            Identifiers.check("position.venue", p.venue(), problems);
        }
        if (p.symbol() != null && !instruments.isWellFormed(p.symbol())) {
            problems.add("position.symbol is not a valid symbol");
        }
        if (p.quantity() == null || p.quantity().signum() <= 0) {
            problems.add("position.quantity must be positive");
        }
        positive("position.entryPrice", p.entryPrice(), problems);
        positive("position.exitPrice", p.exitPrice(), problems);
        positive("position.stopLoss", p.stopLoss(), problems);
        positive("position.takeProfit", p.takeProfit(), problems);
        notNegative("position.filledQuantity", p.filledQuantity(), problems);
        notNegative("position.remainingQuantity", p.remainingQuantity(), problems);
        if (p.exitAttempt() < 0) {
            problems.add("position.exitAttempt may not be negative");
        }
        return problems;
    }

    private static void positive(String field, BigDecimal value, List<String> problems) {
        if (value != null && value.signum() <= 0) {
            problems.add(field + " must be positive");
        }
    }

    private static void notNegative(String field, BigDecimal value, List<String> problems) {
        if (value != null && value.signum() < 0) {
            problems.add(field + " may not be negative");
        }
    }
}
