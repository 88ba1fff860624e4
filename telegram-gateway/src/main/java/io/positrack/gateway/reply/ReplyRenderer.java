package io.positrack.gateway.reply;

import static io.positrack.gateway.reply.Html.bold;
import static io.positrack.gateway.reply.Html.escape;
import static io.positrack.gateway.reply.Html.number;
import static io.positrack.gateway.reply.Html.signed;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import io.positrack.contracts.position.CommandResult;
import io.positrack.contracts.position.Origin;
import io.positrack.contracts.position.Outcome;
import io.positrack.contracts.position.PositionEvent;
import io.positrack.contracts.position.PositionSnapshot;
import io.positrack.contracts.position.Side;
import io.positrack.contracts.signal.SignalSession;
import io.positrack.runtime.wire.WireDecimals;

/**
 * Renders command results and position events as Telegram HTML. Everything that comes from a message is
 * escaped; markup is only ever the renderer's own. Pure: the last market price is looked up through a function.
 * Never throws on what a record holds: every decimal is shown through {@link Html#number}, which refuses to format
 * a value that does not fit the columns, and arithmetic runs only on values that do.
 */
public final class ReplyRenderer {

    /** What signal-service puts in {@code requestedAs} when /getsignal found no new signal and asked for the status. */
    public static final String REQUESTED_AS_GETSIGNAL = "getsignal";

    private final Function<String, Optional<BigDecimal>> lastPrice;

    public ReplyRenderer(Function<String, Optional<BigDecimal>> lastPrice) {
        this.lastPrice = lastPrice;
    }

    public String render(CommandResult result) {
        PositionSnapshot p = result.position();
        String symbol = escape(result.symbol() != null ? result.symbol() : p != null ? p.symbol() : "");
        boolean askedForSignal = REQUESTED_AS_GETSIGNAL.equalsIgnoreCase(result.requestedAs());
        Outcome outcome = result.outcome();
        if (outcome == null) {
            return note(result.message(), "Done.");
        }
        switch (outcome) {
            case OPENED:
                // A manual entry (/long, /short, the command API) is no signal: say what it is.
                return "🟢 " + bold((p != null && p.origin() == Origin.SIGNAL ? "New signal: " : "Opened: ")
                        + sideAndSymbol(p, result.symbol())) + withBlock(p);
            case DUPLICATE_OPEN_EXISTS:
                return "ℹ️ A position is already open for " + symbol + "; no new one was opened." + withBlock(p)
                        + "\nClose it first with /close " + symbol + ".";
            case SIGNAL_ALREADY_USED:
                return "ℹ️ This signal was already used" + (p != null ? " by position #" + p.id() : "")
                        + ", which has ended. Wait for the next signal." + withBlock(p);
            case NO_SIGNAL:
                return "No signal for " + symbol + " right now, and no open position.";
            case STATUS:
                return status(p, symbol, askedForSignal);
            case NOT_FOUND:
                if (askedForSignal) {
                    return "No new signal for " + symbol + ", and no open position.";
                }
                if ("ClosePosition".equals(result.commandType())) {
                    return "No open position to close" + (symbol.isEmpty() ? "." : " for " + symbol + ".");
                }
                return "No position found" + (symbol.isEmpty() ? "." : " for " + symbol + ".");
            case CLOSING:
                return "🔻 Closing position" + idOf(p) + "…" + withBlock(p);
            case CLOSED_RECONCILED:
                return "Position" + idOf(p) + " was already flat on the venue: it is closed as reconciled, no exit order was sent."
                        + withBlock(p);
            case CANCELLING_ENTRY:
                return "The entry order of position" + idOf(p) + " had not filled: it is being cancelled." + withBlock(p);
            case ALREADY_CLOSING:
                return "Position" + idOf(p) + " is already closing." + withBlock(p);
            case ALREADY_CLOSED:
                return "Position" + idOf(p) + " is already closed." + withBlock(p);
            case STOPS_UPDATED:
                return "Stops updated." + withBlock(p);
            case EXPIRED:
                return "Position" + idOf(p) + " expired before its entry filled." + withBlock(p);
            case NOT_EXPIRABLE:
                return "Position" + idOf(p) + " has filled; it cannot expire." + withBlock(p);
            case POSITIONS:
                return list("Open positions", "No open positions.", result.positions());
            case HISTORY:
                return list("Latest finished positions", "No finished positions yet.", result.positions());
            case SESSIONS:
                return sessions(result.sessions());
            case REJECTED_STATE:
                return "⚠️ Not possible now: " + escape(orElse(result.message(), "the position is in another state."));
            case REJECTED_EXCHANGE_RULES:
                return "⚠️ The exchange would refuse this: " + escape(orElse(result.message(), "its rules do not allow it."));
            case REJECTED_MARKET_DATA:
                return "⚠️ Not opened: " + escape(orElse(result.message(), "the market data does not allow a new entry now."));
            case ENTRIES_PAUSED:
            case REJECTED_PAUSED:
                return "⏸ " + note(result.message(), "New entries are paused.");
            case ENTRIES_RESUMED:
                return "▶️ " + note(result.message(), "New entries are allowed again.");
            case PNL_REPORT:
                return PnlReply.render(result.pnl());
            case REJECTED_INVALID:
                return "⚠️ The command was rejected: " + escape(orElse(result.message(), "invalid command."));
            case REJECTED_CONFLICT:
                // The gateway gives every command a fresh id, so this means a sender reused one: asking again is the fix.
                return "⚠️ This command was not applied: its id was already used for a different command. Please send it again.";
            default:
                return note(result.message(), outcome.name());
        }
    }

    /** A notification for a subscribed chat, or empty for event types that are not worth a message. */
    public String render(PositionEvent event) {
        PositionSnapshot p = event.position();
        String what = sideAndSymbol(p, p.symbol());
        switch (event.type()) {
            case PositionOpened:
                return "🆕 Position #" + p.id() + " opened: " + bold(what) + ", entry order sent." + withBlock(p);
            case PositionActivated:
                return "✅ Position #" + p.id() + " is active: " + bold(what) + " filled at " + number(p.entryPrice()) + "."
                        + withBlock(p);
            case PositionClosed:
                if ("RECONCILED".equalsIgnoreCase(p.closeReason())) {
                    return "🔄 Position #" + p.id() + " (" + escape(what) + ") was closed by reconciliation: the venue no longer shows it."
                            + withBlock(p);
                }
                return "🏁 Position #" + p.id() + " closed: " + bold(what) + ", " + escape(orElse(p.closeReason(), "closed"))
                        + (charged(p) ? ", net PnL " + bold(signed(p.netPnl())) + " (fees " + number(p.fees()) + ")"
                                : ", realized PnL " + bold(signed(p.realizedPnl())))
                        + "." + withBlock(p);
            case PositionRolledBack:
                return "↩️ Position #" + p.id() + " (" + escape(what) + ") was rolled back: " + escape(orElse(p.closeReason(), "entry not filled"))
                        + ".";
            case PositionAdopted:
                return "🧲 Position #" + p.id() + " found on the venue and adopted: " + bold(what) + "." + withBlock(p);
            default:
                return "Position #" + p.id() + ": " + escape(event.type().name()) + withBlock(p);
        }
    }

    private String status(PositionSnapshot p, String symbol, boolean askedForSignal) {
        String prefix = askedForSignal ? "No new signal for " + symbol + ".\n" : "";
        if (p == null) {
            return prefix + "No open position" + (symbol.isEmpty() ? "." : " for " + symbol + ".");
        }
        if (p.status() != null && p.status().isOpen()) {
            return prefix + (askedForSignal ? "Open position:" : "📊 " + bold(p.symbol())) + "\n" + block(p);
        }
        return prefix + "No open position for " + escape(p.symbol()) + ". The latest one:\n" + block(p);
    }

    private String list(String title, String empty, List<PositionSnapshot> positions) {
        if (positions == null || positions.isEmpty()) {
            return empty;
        }
        StringBuilder out = new StringBuilder(bold(title + " (" + positions.size() + ")"));
        for (PositionSnapshot p : positions) {
            // A null element is the producer's mistake; it must not cost the chat the rest of the list.
            if (p != null) {
                out.append("\n\n").append(block(p));
            }
        }
        return out.toString();
    }

    private static String sessions(List<SignalSession> sessions) {
        if (sessions == null || sessions.isEmpty()) {
            return "No signal sessions.";
        }
        StringBuilder out = new StringBuilder(bold("Signal sessions (" + sessions.size() + ")"));
        for (SignalSession s : sessions) {
            if (s == null) {
                continue;
            }
            out.append("\n\n").append(bold((s.side() == null ? "" : s.side() + " ") + orElse(s.symbol(), "")))
                    .append(" · ").append(escape(orElse(s.status(), "?")));
            if (s.positionId() != null) {
                out.append(" · #").append(s.positionId());
            }
            out.append("\nEntry ").append(number(s.entry())).append(" · SL ").append(number(s.stopLoss()))
                    .append(" · TP ").append(number(s.takeProfit()));
            if (s.closeReason() != null || s.realizedPnl() != null) {
                out.append("\nClosed: ").append(escape(orElse(s.closeReason(), "–"))).append(" · PnL ").append(signed(s.realizedPnl()));
            }
            if (s.reason() != null) {
                out.append("\n<i>").append(escape(s.reason())).append("</i>");
            }
        }
        return out.toString();
    }

    private String withBlock(PositionSnapshot p) {
        return p == null ? "" : "\n" + block(p);
    }

    /** Side, entry, stop loss, take profit, PnL and version of one position. */
    String block(PositionSnapshot p) {
        StringBuilder out = new StringBuilder();
        out.append(bold(sideAndSymbol(p, p.symbol()))).append(" #").append(p.id()).append(" · ")
                .append(p.status() == null ? "?" : p.status().name()).append(" · v").append(p.version());
        BigDecimal quantity = p.filledQuantity() != null && p.filledQuantity().signum() > 0 ? p.filledQuantity() : p.quantity();
        out.append("\nEntry: ").append(p.entryPrice() == null ? "pending" : number(p.entryPrice()))
                .append(" · Qty: ").append(number(quantity));
        out.append("\nSL: ").append(number(p.stopLoss())).append(" · TP: ").append(number(p.takeProfit()));
        if (p.status() != null && p.status().isOpen()) {
            unrealized(p).ifPresent(line -> out.append('\n').append(line));
            // An open position has paid its entry's fees (and maybe funding) already: shown so the unrealized PnL is not read as net.
            charges(p).ifPresent(line -> out.append('\n').append(line));
        } else if (p.realizedPnl() != null || p.exitPrice() != null || charged(p)) {
            out.append("\nExit: ").append(number(p.exitPrice()));
            if (charged(p)) {
                out.append(" · Net PnL: ").append(bold(signed(p.netPnl())));
            } else {
                out.append(" · Realized PnL: ").append(bold(signed(p.realizedPnl())));
            }
            if (p.closeReason() != null) {
                out.append(" · ").append(escape(p.closeReason()));
            }
            charges(p).ifPresent(line -> out.append('\n').append(line));
        }
        return out.toString();
    }

    /** Whether fees or funding were booked: net PnL then differs from the price result. */
    private static boolean charged(PositionSnapshot p) {
        return p.fees() != null || p.funding() != null || p.otherFees() != null;
    }

    /** Gross, fees and funding of a position that was charged; commissions in other assets by asset (at most three). */
    private static Optional<String> charges(PositionSnapshot p) {
        if (!charged(p)) {
            return Optional.empty();
        }
        StringBuilder line = new StringBuilder("Gross: ").append(signed(p.grossPnl())).append(" · Fees: ").append(number(p.fees()))
                .append(" · Funding: ").append(signed(p.funding()));
        if (p.otherFees() != null) {
            p.otherFees().stream().filter(java.util.Objects::nonNull).limit(3).forEach(f -> line.append(" · Fees in ")
                    .append(escape(io.positrack.runtime.wire.Texts.bounded(orElse(f.asset(), "?"), 20))).append(": ").append(number(f.amount())));
        }
        return Optional.of(line.toString());
    }

    private Optional<String> unrealized(PositionSnapshot p) {
        BigDecimal open = p.remainingQuantity() != null && p.remainingQuantity().signum() > 0 ? p.remainingQuantity() : null;
        if (p.entryPrice() == null || open == null || p.side() == null) {
            return Optional.empty();
        }
        return lastPrice.apply(p.symbol()).filter(price -> Html.fits(price, p.entryPrice(), open)).map(price -> {
            // The inputs fit the columns, so this is cheap; the product may carry 36 fraction digits, more than
            // any amount we show: rounded to the columns' 18.
            BigDecimal pnl = price.subtract(p.entryPrice()).multiply(open)
                    .setScale(WireDecimals.MAX_FRACTION_DIGITS, RoundingMode.HALF_EVEN);
            if (p.side() == Side.SELL) {
                pnl = pnl.negate();
            }
            return "Unrealized PnL: " + bold(signed(pnl)) + " (last " + number(price) + ")";
        });
    }

    private static String sideAndSymbol(PositionSnapshot p, String fallbackSymbol) {
        if (p == null) {
            return orElse(fallbackSymbol, "");
        }
        return (p.side() == null ? "" : p.side().name() + " ") + orElse(p.symbol(), orElse(fallbackSymbol, ""));
    }

    private static String idOf(PositionSnapshot p) {
        return p == null ? "" : " #" + p.id();
    }

    private static String note(String message, String fallback) {
        return escape(orElse(message, fallback));
    }

    private static String orElse(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
