package io.positrack.signal.feed;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.function.Function;

import io.positrack.contracts.market.MarketTick;

/**
 * Reads one line of a market-data CSV file into ticks. Two shapes, told apart by their column count:
 * <ul>
 * <li>{@code timestamp,symbol,bid,ask}: one tick;</li>
 * <li>{@code timestamp,symbol,open,high,low,close[,volume]}: one bar starting at {@code timestamp}, replayed as
 * four ticks spread over the bar (open, then the low and high in the order that makes the path shortest,
 * then close), with {@code ask = price + spread}.</li>
 * </ul>
 * Timestamps are ISO-8601 instants, ISO local date-times (taken as UTC, {@code T} or a space between date and
 * time), or epoch seconds (up to 10 digits) or milliseconds. Blank lines and lines starting with {@code #}
 * are skipped, and so is a header (a first line whose first column is not a timestamp).
 */
public final class CsvTicks {

    /** The ticks of one line, or why it has none. */
    public record Line(List<MarketTick> ticks, String problem) {
        static Line skip() {
            return new Line(List.of(), null);
        }

        static Line bad(String problem) {
            return new Line(List.of(), problem);
        }
    }

    private final Duration barDuration;
    private final Function<String, BigDecimal> spreadOf;

    /**
     * @param barDuration the length of one OHLC row
     * @param spreadOf the spread to put on an OHLC row's prices, per symbol
     */
    public CsvTicks(Duration barDuration, Function<String, BigDecimal> spreadOf) {
        this.barDuration = barDuration;
        this.spreadOf = spreadOf;
    }

    public Line parse(String line, long lineNumber) {
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
            return Line.skip();
        }
        String[] cols = trimmed.split(",", -1);
        for (int i = 0; i < cols.length; i++) {
            cols[i] = cols[i].strip();
        }
        Instant time;
        try {
            time = timestamp(cols[0]);
        } catch (DateTimeParseException | NumberFormatException e) {
            return lineNumber == 1 ? Line.skip() : Line.bad("line " + lineNumber + ": '" + cols[0] + "' is not a timestamp");
        }
        if (cols.length != 4 && cols.length != 6 && cols.length != 7) {
            return Line.bad("line " + lineNumber + ": expected 4 columns (timestamp,symbol,bid,ask) or 6-7 (timestamp,symbol,open,high,low,close[,volume]), found "
                    + cols.length);
        }
        String symbol = cols[1];
        if (symbol.isEmpty()) {
            return Line.bad("line " + lineNumber + ": no symbol");
        }
        try {
            if (cols.length == 4) {
                BigDecimal bid = price(cols[2]);
                BigDecimal ask = price(cols[3]);
                if (bid.compareTo(ask) > 0) {
                    return Line.bad("line " + lineNumber + ": bid above ask");
                }
                return new Line(List.of(new MarketTick(symbol, bid, ask, null, time)), null);
            }
            BigDecimal open = price(cols[2]);
            BigDecimal high = price(cols[3]);
            BigDecimal low = price(cols[4]);
            BigDecimal close = price(cols[5]);
            if (high.compareTo(low) < 0 || high.compareTo(open.max(close)) < 0 || low.compareTo(open.min(close)) > 0) {
                return Line.bad("line " + lineNumber + ": high and low do not enclose open and close");
            }
            BigDecimal spread = spreadOf.apply(symbol);
            boolean up = close.compareTo(open) >= 0;
            List<BigDecimal> path = List.of(open, up ? low : high, up ? high : low, close);
            long quarter = barDuration.toMillis() / 4;
            return new Line(java.util.stream.IntStream.range(0, 4)
                    .mapToObj(i -> new MarketTick(symbol, path.get(i), path.get(i).add(spread), path.get(i), time.plusMillis(quarter * i)))
                    .toList(), null);
        } catch (NumberFormatException e) {
            return Line.bad("line " + lineNumber + ": a price is not a positive decimal");
        }
    }

    static Instant timestamp(String value) {
        if (!value.isEmpty() && value.chars().allMatch(Character::isDigit)) {
            long number = Long.parseLong(value);
            return value.length() <= 10 ? Instant.ofEpochSecond(number) : Instant.ofEpochMilli(number);
        }
        if (value.endsWith("Z") || value.matches(".*[+-]\\d\\d:\\d\\d$")) {
            return java.time.OffsetDateTime.parse(value.replace(' ', 'T')).toInstant();
        }
        return LocalDateTime.parse(value.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
    }

    private static BigDecimal price(String value) {
        BigDecimal price = new BigDecimal(value);
        if (price.signum() <= 0) {
            throw new NumberFormatException("not positive");
        }
        return price;
    }
}
