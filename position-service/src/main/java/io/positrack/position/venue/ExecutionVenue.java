package io.positrack.position.venue;

import io.smallrye.mutiny.Uni;

/**
 * The port to an exchange. Fills and order updates do not come back through this interface: the
 * venue reports them on {@code venue-events}, so the paper venue and a real venue feed the same code.
 */
public interface ExecutionVenue {

    /** The venue name positions carry ({@code paper}, {@code binance-usdm}, ...). */
    String name();

    /**
     * Places an order; idempotent by client order id. A caller that does not know whether an earlier send
     * arrived (crash, timeout) calls {@link #lookup} first and places only when the venue has no such order:
     * some venues recognise a repeated id only while the first order is still working.
     */
    Uni<Placement> place(OrderRequest request);

    /**
     * What the venue accepts for a symbol (tick and step sizes, min and max quantity, min notional), checked before an
     * entry is recorded ({@code EntryRules}); empty when the venue does not trade the symbol, a failure when the rules
     * cannot be known now. A venue without rules of its own accepts anything.
     */
    default Uni<java.util.Optional<io.positrack.position.venue.rules.SymbolRules>> rules(String symbol) {
        return Uni.createFrom().item(java.util.Optional.of(io.positrack.position.venue.rules.SymbolRules.unrestricted(symbol)));
    }

    /**
     * The venue's mark price of a symbol now, for {@code PERCENT_PRICE}; empty when not known (then the band is left to
     * the venue). Never a failure: a price that cannot be read is not known.
     */
    default Uni<java.util.Optional<java.math.BigDecimal>> markPrice(String symbol) {
        return Uni.createFrom().item(java.util.Optional.empty());
    }

    /**
     * The venue's current state of an order, by client order id, as the update the venue would report
     * now; empty when the venue has no such order. A failed query is a failure, never "absent".
     */
    Uni<java.util.Optional<io.positrack.contracts.venue.OrderUpdate>> lookup(String account, String symbol, String clientOrderId);

    /**
     * Whether {@link #trades} can list an order's trades. A venue whose every fill reaches its stream with its trade id
     * and commission (the paper venue) needs no such list.
     */
    default boolean listsTrades() {
        return false;
    }

    /**
     * The trades of an order that {@link #lookup} found filled (in part or wholly), oldest first, each as the venue's
     * stream would have reported it: what a lookup cannot say (trade ids, each trade's price and commission). Empty
     * when the venue keeps no such list for the order; a failed query is a failure, never "no trades".
     */
    default Uni<java.util.List<VenueTrade>> trades(String account, String symbol, io.positrack.contracts.venue.OrderUpdate order) {
        return Uni.createFrom().item(java.util.List.of());
    }

    /**
     * What the venue says the account holds, with the venue time that answer was true at. A failed or
     * partial query fails or says {@code complete = false}: unknown, never "flat".
     */
    Uni<AccountSnapshot> snapshot(String account);

    /**
     * Every order the venue lists as working for the account, over all symbols, Positrack's and others': what
     * protective-order reconciliation compares with what the open positions want. A failed or partial query
     * fails: never "no orders" (that would make every wanted order look missing).
     */
    Uni<java.util.List<OpenOrder>> openOrders(String account);

    /** Accounts this venue trades for (where orphans can appear even if the database knows nothing). */
    Uni<java.util.List<String>> accounts();

    /** Cancels an order if it is still working; cancelling a finished or unknown order is not an error. */
    Uni<Void> cancel(String account, String symbol, String clientOrderId);

    /** Cancels the working stop loss and take profit orders of a position. */
    default Uni<Void> cancelProtection(String account, String symbol, long positionId) {
        return cancelProtection(account, symbol, positionId, 0);
    }

    /**
     * Cancels the working stop loss and take profit orders of a position except those placed by attempt
     * {@code keepAttempt} (0: keeps none), whatever attempt placed the others.
     */
    Uni<Void> cancelProtection(String account, String symbol, long positionId, int keepAttempt);
}
