package io.positrack.position.venue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.positrack.contracts.venue.ClientOrderId;
import io.positrack.contracts.venue.FundingPayment;
import io.positrack.contracts.venue.OrderUpdate;
import io.positrack.contracts.venue.VenuePositionReport;
import io.positrack.position.config.PositionConfig;
import io.positrack.runtime.rules.OutsideClock;

/**
 * What a {@code venue-events} record must satisfy before it may touch a position: ids of our form, a venue
 * we execute on, a well-formed symbol (a lower-case or unknown one would be adopted as a position nobody can
 * ever close), sane quantities, times our clock can believe. Decimals and instants are already bounded by the
 * strict wire reader.
 */
@ApplicationScoped
public class VenueEventRules {

    private static final Pattern ID = io.positrack.runtime.rules.Ids.FORM;
    /** An asset name as venues spell it: USDT, BNB, 1000SHIB. */
    private static final Pattern ASSET = Pattern.compile("^[A-Z0-9]{1,20}$");

    private final Pattern symbol;
    private final VenueDispatcher venues;
    private final OutsideClock clock;

    public VenueEventRules(PositionConfig config, VenueDispatcher venues, OutsideClock clock) {
        this.symbol = Pattern.compile(config.validation().symbolPattern());
        this.venues = venues;
        this.clock = clock;
    }

    public List<String> problems(OrderUpdate u) {
        List<String> problems = new ArrayList<>();
        where(u.account(), u.venue(), u.symbol(), problems);
        if (u.status() == null) {
            problems.add("status is required");
        }
        if (ClientOrderId.parse(u.clientOrderId()).isEmpty()) {
            problems.add("clientOrderId is not one of Positrack's");
        }
        // I14: a venue time beyond our clock never becomes a watermark (a fill dated 2999 would make every later
        // report stale, and no ghost, orphan or size mismatch would ever be handled again).
        problems.addAll(clock.eventTime(OutsideClock.Source.VENUE, "eventTime", u.eventTime()));
        problems.addAll(clock.eventTime(OutsideClock.Source.VENUE, "transactionTime", u.transactionTime()));
        optionalId("venueOrderId", u.venueOrderId(), problems);
        optionalId("tradeId", u.tradeId(), problems);
        if (u.reason() != null && u.reason().length() > 500) {
            problems.add("reason is longer than 500 characters");
        }
        if (u.filledQuantity() != null && u.filledQuantity().signum() < 0
                || u.lastFilledQuantity() != null && u.lastFilledQuantity().signum() < 0) {
            problems.add("filled quantities cannot be negative");
        }
        if (u.averagePrice() != null && u.averagePrice().signum() < 0) {
            problems.add("prices cannot be negative");
        }
        // Every venue-events producer leaves it out when the update is no trade (Binance's "L":"0" included).
        if (u.lastFilledPrice() != null && u.lastFilledPrice().signum() <= 0) {
            problems.add("lastFilledPrice must be positive when present, was " + u.lastFilledPrice().toPlainString());
        }
        boolean fill = u.status() != null && (u.status().name().equals("FILLED") || u.status().name().equals("PARTIALLY_FILLED"));
        if (fill && (u.filledQuantity() == null || u.filledQuantity().signum() <= 0 || u.averagePrice() == null
                || u.averagePrice().signum() <= 0)) {
            problems.add("a fill needs positive filledQuantity and averagePrice");
        }
        // The contract requires it: a fill is applied once per trade id, and without one a replay is a new fill.
        if (fill && u.tradeId() == null) {
            problems.add("a fill needs a tradeId");
        }
        // A commission is charged once per trade: without a trade id it could not be told from its replay.
        if (u.commission() != null && u.tradeId() == null) {
            problems.add("a commission belongs to a trade: it needs a tradeId");
        }
        if (u.commission() != null && u.commission().signum() != 0 && u.commissionAsset() == null) {
            problems.add("a commission needs its commissionAsset");
        }
        asset("commissionAsset", u.commissionAsset(), problems);
        if (u.commissionAsset() != null && u.commission() == null) {
            problems.add("commissionAsset without a commission");
        }
        return problems;
    }

    /** A funding payment: ids of our form, a venue we execute on, an asset, a signed amount and a believable time. */
    public List<String> problems(FundingPayment f) {
        List<String> problems = new ArrayList<>();
        if (!FundingPayment.TYPE.equals(f.type())) {
            problems.add("type must be " + FundingPayment.TYPE);
        }
        if (f.paymentId() == null || !ID.matcher(f.paymentId()).matches()) {
            problems.add("paymentId is required (1-128 of [A-Za-z0-9._:@/-])");
        }
        where(f.account(), f.venue(), f.symbol(), problems);
        if (f.asset() == null) {
            problems.add("asset is required");
        }
        asset("asset", f.asset(), problems);
        if (f.amount() == null) {
            problems.add("amount is required");
        }
        if (f.time() == null) {
            problems.add("time is required");
        }
        // I14: a payment dated ahead of our clock would be attributed to a position that does not exist yet.
        problems.addAll(clock.eventTime(OutsideClock.Source.VENUE, "time", f.time()));
        return problems;
    }

    private static void asset(String field, String value, List<String> problems) {
        if (value != null && !ASSET.matcher(value).matches()) {
            problems.add(field + " must be 1-20 upper-case letters or digits");
        }
    }

    public List<String> problems(VenuePositionReport r) {
        List<String> problems = new ArrayList<>();
        if (!VenuePositionReport.TYPE.equals(r.type())) {
            problems.add("type must be " + VenuePositionReport.TYPE);
        }
        if (r.reportId() == null || !ID.matcher(r.reportId()).matches()) {
            problems.add("reportId is required (1-128 of [A-Za-z0-9._:@/-])");
        }
        where(r.account(), r.venue(), r.symbol(), problems);
        if (r.asOf() == null) {
            problems.add("asOf is required");
        }
        // I14: a report dated ahead of our clock would pin its observation ("flat", say) against every later true one.
        problems.addAll(clock.asOf(OutsideClock.Source.VENUE, "asOf", r.asOf()));
        if (r.quantity() == null) {
            problems.add("quantity is required");
        } else if (r.quantity().signum() < 0) {
            problems.add("quantity must be >= 0");
        } else if (r.quantity().signum() > 0 && r.side() == null) {
            problems.add("a position that is not flat needs a side");
        }
        // Venues report no entry price for a flat position; ours leave it out rather than send 0.
        if (r.entryPrice() != null && r.entryPrice().signum() <= 0) {
            problems.add("entryPrice must be positive when present, was " + r.entryPrice().toPlainString());
        }
        return problems;
    }

    private void where(String account, String venue, String sym, List<String> problems) {
        if (account == null || !ID.matcher(account).matches()) {
            problems.add("account is required (1-128 of [A-Za-z0-9._:@/-])");
        }
        if (venue == null || !venues.knows(venue)) {
            problems.add("venue '" + (venue == null ? "" : io.positrack.runtime.wire.Texts.bounded(venue, 40))
                    + "' is not configured here");
        }
        if (sym == null || !symbol.matcher(sym).matches()) {
            problems.add("symbol is missing or not a valid symbol");
        }
    }

    private static void optionalId(String field, String value, List<String> problems) {
        if (value != null && !ID.matcher(value).matches()) {
            problems.add(field + " has characters outside [A-Za-z0-9._:@/-] or is longer than 128");
        }
    }
}
