package io.positrack.position.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Typed configuration of position-service ({@code positrack.position.*}). */
@ConfigMapping(prefix = "positrack.position")
public interface PositionConfig {

    Outbox outbox();

    Validation validation();

    Paper paper();

    Intents intents();

    Reconciliation reconciliation();

    Audit audit();

    Retention retention();

    Pnl pnl();

    /** How realized PnL is split into gross, fees, funding and net (docs/binance.md "Fees and funding"). */
    interface Pnl {
        /**
         * The assets a symbol may settle in, tried as the end of its name, longest first (BTCUSDT settles in USDT,
         * EURUSD in USD). A commission or funding payment in the symbol's settlement asset counts in {@code fees} and
         * {@code funding}, and so in net PnL; one in another asset (BNB) is kept apart in {@code otherFees}. A symbol
         * that ends in none of them counts every commission as its own.
         */
        @WithDefault("USDT,USDC,FDUSD,BUSD,USD,EUR")
        java.util.List<String> settlementAssets();
    }

    /**
     * How long rows are kept (docs/architecture.md "Bounded storage"). Ages that dedupe redeliveries are refused at
     * startup when shorter than what a topic can still redeliver ({@code RetentionFloors}).
     */
    interface Retention extends io.positrack.runtime.retention.BatchBudget {
        /** Claimed commands, order updates and reports from {@code venue-events} ({@code inbox}). */
        @WithDefault("35d")
        Duration inbox();

        /** Claimed lines of the snapshots reconciliation takes itself (inbox source {@code venue-snapshots}). */
        @WithDefault("1d")
        Duration snapshotLines();

        /** Published outbox rows (unpublished and set-aside rows are never pruned). */
        @WithDefault("35d")
        Duration publishedOutbox();

        /** The fill ledger ({@code venue_order_updates}): only rows of finished positions and of unknown orders. */
        @WithDefault("35d")
        Duration orderUpdates();

        /** Discrepancy observations not seen again for this long ({@code reconciliation_observations}). */
        @WithDefault("1d")
        Duration observations();

        /** The operators' record of order repairs ({@code venue_order_repairs}). */
        @WithDefault("90d")
        Duration orderRepairs();

        /** Funding payments booked ({@code funding_payments}), which dedupe redelivered payments. */
        @WithDefault("35d")
        Duration fundingPayments();
    }

    interface Audit {
        /** How often the invariant audit runs (it is also run on demand by {@code GET /admin/audit}). */
        @WithDefault("60s")
        Duration interval();

        /** An outbox row still unpublished after this long is a violation. */
        @WithDefault("30s")
        Duration unpublishedAfter();

        /** A filled open position the venue has not shown for this long is a violation. */
        @WithDefault("5m")
        Duration missingOnVenueAfter();
    }

    interface Reconciliation {
        /** How often every account is reconciled with each venue. */
        @WithDefault("10s")
        Duration interval();

        /**
         * Trading commands (open, close, stops, expire) wait until the first reconciliation has
         * succeeded, and readiness reports DOWN until then. Read commands never wait.
         */
        @WithDefault("true")
        boolean gateTrading();

        /** Delay of the first run after startup. */
        @WithDefault("1s")
        Duration initialDelay();

        /**
         * Consecutive fresh, complete reports that must show the same discrepancy before it is acted on
         * (adopt an orphan, close a ghost, adjust a size). One report is never enough.
         */
        @WithDefault("2")
        int confirmations();

        /**
         * Largest relative difference between our open size and the venue's that is only adjusted. Beyond it
         * the size is still adjusted, but new entries on the symbol are blocked and an alert is raised:
         * something outside Positrack is trading the account.
         */
        @WithDefault("0.01")
        java.math.BigDecimal sizeTolerance();

        /** Accounts to reconcile even when the database holds nothing for them (where orphans can appear). */
        java.util.Optional<java.util.List<String>> accounts();
    }

    interface Intents {
        /**
         * How long an order intent may wait for its venue acknowledgement before the sweeper sends it
         * again (same client order id). Long enough that a normal acknowledgement always wins.
         */
        @WithDefault("10s")
        Duration resendAfter();

        /** How often the sweeper looks for stuck intents. */
        @WithDefault("5s")
        Duration sweepInterval();

        /**
         * How many exit orders a closing position may try when the venue refuses, expires or cancels the
         * previous one unfilled. Bounded so a venue that keeps refusing cannot make the service spin; an
         * exhausted position stays CLOSING and is logged and counted.
         */
        @WithDefault("5")
        int maxExitAttempts();
    }

    interface Outbox {
        /** Slow poll that publishes even when a NOTIFY wake-up was lost. */
        @WithDefault("1s")
        Duration pollInterval();

        /** Rows published per round trip. */
        @WithDefault("500")
        int batchSize();

        /** Key of the session advisory lock that elects the one active relay. */
        @WithDefault("7300417")
        long advisoryLockKey();

        /**
         * Largest payload plus headers (and key), in UTF-8 bytes, the relay sends. A bigger row is set aside
         * unsent: the broker would refuse it anyway. Below the producer's default {@code max.request.size}
         * (1 MiB), which also counts the record's framing.
         */
        @WithDefault("1000000")
        int maxRecordBytes();
    }

    interface Validation {
        /** Symbols are upper-case letters and digits, optionally with one separator (XAUUSD, BTC-USDT). */
        @WithDefault("^[A-Z0-9]{2,20}([-_/][A-Z0-9]{2,10})?$")
        String symbolPattern();

        /** Largest quantity a single command may ask for. */
        @WithDefault("1000000")
        BigDecimal maxQuantity();

        /** Largest price accepted anywhere (stops, references); above it a price is absurd. */
        @WithDefault("100000000")
        BigDecimal maxPrice();

        /** Most rows a history query returns. */
        @WithDefault("100")
        int maxHistory();
    }

    interface Paper {
        /** Whether the built-in paper venue executes orders (the local run and tests). */
        @WithDefault("true")
        boolean enabled();

        /** Venue name the paper venue answers to. */
        @WithDefault("paper")
        String venue();

        /**
         * Fault injection: position snapshots show the venue as it was this long ago (a REST API behind
         * its stream, as in seed 001). Tests may change it at run time through {@code PaperFaults}.
         */
        @WithDefault("0s")
        Duration snapshotLag();

        Faults faults();

        /**
         * The exchange rules of the paper venue, per symbol ({@code positrack.position.paper.rules."EURUSD".tick-size}),
         * so that paper entries are rounded and refused as on a real venue. A symbol without rules has none: any
         * quantity and price is accepted, as before rules existed.
         */
        java.util.Map<String, SymbolRules> rules();

        /**
         * What the paper venue charges, per symbol, or {@code "*"} for every symbol without its own entry
         * ({@code positrack.position.paper.fees."*".taker-rate=0.0004}); none configured: no fees, no slippage.
         */
        java.util.Map<String, Fees> fees();

        /** Fee rates and slippage of paper fills, so that paper PnL is not better than the live venue's. */
        interface Fees {
            /** Share of the notional charged for a fill that added liquidity (a resting limit order; paper has none yet). */
            @WithDefault("0")
            BigDecimal makerRate();

            /** Share of the notional charged for a fill that took liquidity: every market, stop and take-profit fill. */
            @WithDefault("0")
            BigDecimal takerRate();

            /** Share of the price a fill moves against the trader: a buy fills this much above the ask, a sell below the bid. */
            @WithDefault("0")
            BigDecimal slippage();
        }

        /** One symbol's rules, in the form of Binance's filters; a zero size or limit is no filter. */
        interface SymbolRules {
            /** {@code PRICE_FILTER.tickSize}: stops are rounded to it. */
            @WithDefault("0")
            BigDecimal tickSize();

            /** {@code LOT_SIZE.stepSize}: quantities are rounded down to it. */
            @WithDefault("0")
            BigDecimal stepSize();

            @WithDefault("0")
            BigDecimal minQty();

            @WithDefault("0")
            BigDecimal maxQty();

            /** {@code MARKET_LOT_SIZE.maxQty}; unset: {@code max-qty}. */
            Optional<BigDecimal> marketMaxQty();

            /** {@code MIN_NOTIONAL.notional}: quantity times the command's reference price. */
            @WithDefault("0")
            BigDecimal minNotional();

            /** {@code PRICE_FILTER.minPrice}: the lowest stop or reference price; zero is no limit. */
            @WithDefault("0")
            BigDecimal minPrice();

            /** {@code PRICE_FILTER.maxPrice}: the highest stop or reference price; zero is no limit. */
            @WithDefault("0")
            BigDecimal maxPrice();

            /** {@code PERCENT_PRICE.multiplierUp}: the reference price may be at most the mark price times this; zero is off. */
            @WithDefault("0")
            BigDecimal multiplierUp();

            /** {@code PERCENT_PRICE.multiplierDown}: the reference price must be at least the mark price times this; zero is off. */
            @WithDefault("0")
            BigDecimal multiplierDown();
        }

        /** Fault injection, all off by default. Shares are probabilities between 0 and 1. */
        interface Faults {
            /** Share of order updates never published (the stream lost them). */
            @WithDefault("0")
            double dropEvents();

            /** Share of order updates published twice. */
            @WithDefault("0")
            double duplicateEvents();

            /** Share of order updates published late (up to {@code max-delay}), so later ones may overtake them. */
            @WithDefault("0")
            double delayEvents();

            /** The longest delay of a delayed order update. */
            @WithDefault("500ms")
            Duration maxDelay();

            /** Share of placements that record the order, then fail with a timeout (the reply was lost). */
            @WithDefault("0")
            double placementTimeouts();

            /**
             * Share of fills that take only part of what the order still wants: the order stays working
             * (PARTIALLY_FILLED) and the rest fills on a later tick, under its own trade id.
             */
            @WithDefault("0")
            double partialFills();

            /**
             * Share of cancels that fail (the venue call errors out and the order keeps working), as a venue that
             * times out or rate-limits a cancel: what protective-order reconciliation must make good.
             */
            @WithDefault("0")
            double failedCancels();

            /**
             * Share of order updates whose venue times are dated a month ahead (a venue clock gone wrong):
             * they must be refused as dead letters, and what they said learnt from a lookup instead.
             */
            @WithDefault("0")
            double futureDatedEvents();

            /**
             * Symbols whose placements and cancels never reach the book (they fail as if the process had died
             * between the commit that decided them and the send): a run started with it and then killed leaves
             * exactly the state a kill -9 before dispatch leaves.
             */
            Optional<java.util.Set<String>> loseCallsOn();

            /** Seed of the fault generator, so a run can be reproduced. */
            @WithDefault("20261121")
            long seed();
        }
    }
}
