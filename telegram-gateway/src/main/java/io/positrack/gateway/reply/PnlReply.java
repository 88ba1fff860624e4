package io.positrack.gateway.reply;

import static io.positrack.gateway.reply.Html.bold;
import static io.positrack.gateway.reply.Html.signed;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import io.positrack.contracts.position.PnlSummary;
import io.positrack.contracts.position.PnlSummary.Line;

/**
 * {@code /profit} and {@code /daily}: realized PnL as a trader reads it, net first, with what it is made of. Pure.
 * Fees and funding are shown only once a venue reported some, so that a paper account is not cluttered with zeros.
 */
final class PnlReply {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE dd MMM", java.util.Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private PnlReply() {
    }

    static String render(PnlSummary summary) {
        if (summary == null || summary.total() == null) {
            return "No PnL report came back. Please try again.";
        }
        Line total = summary.total();
        boolean daily = summary.days() != null && !summary.days().isEmpty();
        StringBuilder out = new StringBuilder(bold(daily ? "Realized PnL per day (UTC), last " + summary.days().size() + " days"
                : "Realized PnL, all time"));
        if (daily) {
            for (Line day : summary.days()) {
                if (day == null || day.from() == null) {
                    continue;
                }
                out.append('\n').append(DAY.format(day.from())).append(": ");
                out.append(day.positions() == 0 ? "–" : signed(day.net()) + " (" + day.positions() + " closed)");
            }
            out.append("\n\n");
        } else {
            out.append('\n');
        }
        if (total.positions() == 0) {
            return out.append(daily ? "No position closed in these days." : "No position has closed yet.").toString();
        }
        out.append(bold("Net: " + signed(total.net()))).append(" from ").append(total.positions()).append(" position(s), ")
                .append(total.wins()).append(" won, ").append(total.losses()).append(" lost");
        boolean costs = total.fees() != null && total.fees().signum() != 0 || total.funding() != null && total.funding().signum() != 0;
        if (costs) {
            out.append("\nGross ").append(signed(total.gross())).append(" · fees ").append(Html.number(total.fees()))
                    .append(" · funding ").append(signed(total.funding()));
        }
        return out.toString();
    }
}
