package io.positrack.position.bench;

import java.util.Locale;

/**
 * What one offered rate achieved, as the generator hands it back to the benchmark: one tab-separated line per rate
 * (the latency histograms travel beside it, in an HdrHistogram log).
 *
 * @param answered results received before the drain deadline
 * @param achievedRate {@code answered} over the time from the first intended send to the last result
 * @param unansweredResults commands without a result at the drain deadline, recorded at the deadline (lower bounds)
 * @param unansweredEvents commands without an event at the drain deadline, recorded likewise
 */
record RateOutcome(double offeredRate, int sent, int answered, double achievedRate, int unansweredResults, int unansweredEvents) {

    String toLine() {
        return String.format(Locale.ROOT, "%s\t%d\t%d\t%s\t%d\t%d", offeredRate, sent, answered, achievedRate, unansweredResults,
                unansweredEvents);
    }

    static RateOutcome parse(String line) {
        String[] f = line.split("\t");
        return new RateOutcome(Double.parseDouble(f[0]), Integer.parseInt(f[1]), Integer.parseInt(f[2]), Double.parseDouble(f[3]),
                Integer.parseInt(f[4]), Integer.parseInt(f[5]));
    }

    /** The histogram tags of this rate in the log: HdrHistogram tags take no spaces or commas. */
    static String tag(double rate, String kind) {
        return "r" + Math.round(rate) + "-" + kind;
    }
}
