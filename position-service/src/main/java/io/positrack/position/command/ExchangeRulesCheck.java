package io.positrack.position.command;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
import io.positrack.contracts.position.PositionCommand.OpenPosition;
import io.positrack.position.venue.ExecutionVenue;
import io.positrack.position.venue.VenueDispatcher;
import io.positrack.position.venue.rules.EntryDecision;
import io.positrack.position.venue.rules.EntryDecision.Refused;
import io.positrack.position.venue.rules.EntryDecision.Rounded;
import io.positrack.position.venue.rules.EntryDecision.Why;
import io.positrack.position.venue.rules.EntryRules;
import io.positrack.position.venue.rules.SymbolRules;
import io.smallrye.mutiny.Uni;

/**
 * Asks the command's venue for the symbol's rules before the command's transaction, so that what is stored and sent
 * is what the venue accepts: an entry rounded by {@link EntryRules}, or refused before anything is recorded. Rules
 * that cannot be known now refuse the entry ({@link Why#RULES_UNKNOWN}) rather than hold the command: holding it
 * would hold every later command of its partition, closes included.
 */
@ApplicationScoped
public class ExchangeRulesCheck {

    private final VenueDispatcher venues;
    private final MeterRegistry registry;

    public ExchangeRulesCheck(VenueDispatcher venues, MeterRegistry registry) {
        this.venues = venues;
        this.registry = registry;
    }

    /** The entry as it is to be opened (rounded), or the reason the venue would refuse it. */
    public Uni<EntryDecision> entry(OpenPosition c) {
        return rules(c.venue(), c.symbol()).flatMap(found -> mark(found, c).map(mark -> {
            EntryDecision decision = found instanceof Found f
                    ? EntryRules.decide(f.rules(), c.side(), c.quantity(), c.referencePrice(), c.stopLoss(), c.takeProfit(), mark)
                    : ((NotFound) found).refused();
            if (decision instanceof Refused r) {
                registry.counter("positrack.commands.exchange_rules_refused", "why", r.why().name()).increment();
            }
            return decision;
        }));
    }

    /** The mark price, only when a percent band is to be judged: otherwise not asked for. Unknown is null. */
    private Uni<java.math.BigDecimal> mark(Lookup found, OpenPosition c) {
        ExecutionVenue v = venues.venue(c.venue());
        if (!(found instanceof Found f) || v == null || c.referencePrice() == null
                || f.rules().prices().multiplierUp().signum() == 0 && f.rules().prices().multiplierDown().signum() == 0) {
            return Uni.createFrom().nullItem();
        }
        return v.markPrice(c.symbol()).map(m -> m.orElse(null)).onFailure().recoverWithNull();
    }

    /** The rounded form of {@code c}; only for a {@link Rounded} decision about it. */
    public static OpenPosition rounded(OpenPosition c, Rounded r) {
        return new OpenPosition(c.commandId(), c.account(), c.venue(), c.symbol(), c.side(), r.quantity(), c.referencePrice(),
                r.stopLoss(), r.takeProfit(), c.signalId(), c.chatId(), c.issuedAt());
    }

    /** The symbol's rules for a stops update, or the refusal when they cannot be known now. */
    public Uni<Lookup> rules(String venue, String symbol) {
        ExecutionVenue v = venues.venue(venue);
        if (v == null) {
            // Validation refuses unknown venues before this; should one slip through, nothing is rounded.
            return Uni.createFrom().item(new Found(SymbolRules.unrestricted(symbol)));
        }
        return v.rules(symbol)
                .map(rules -> rules.<Lookup>map(Found::new).orElseGet(() -> new NotFound(new Refused(Why.NOT_LISTED,
                        "%s is not traded on %s".formatted(symbol, venue)))))
                .onFailure().recoverWithItem(e -> new NotFound(new Refused(Why.RULES_UNKNOWN,
                        "the rules of %s on %s cannot be read now (%s); nothing was changed, try again".formatted(symbol, venue,
                                shortened(Optional.ofNullable(e.getMessage()).orElse(e.getClass().getSimpleName()))))));
    }

    /** A failure's text within a result's bounds ({@link Results}): a venue's answer could be long. */
    private static String shortened(String text) {
        return text.length() > 120 ? text.substring(0, 120) + "…" : text;
    }

    /** The rules of a symbol, or why there are none. */
    public sealed interface Lookup {
    }

    public record Found(SymbolRules rules) implements Lookup {
    }

    public record NotFound(Refused refused) implements Lookup {
    }
}
