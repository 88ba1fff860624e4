package io.positrack.signal.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.positrack.contracts.market.MarketTick;

class CsvTicksTest {

    private final CsvTicks csv = new CsvTicks(Duration.ofMinutes(1), symbol -> new BigDecimal("0.10"));

    @Test
    void aTickRowIsOneTick() {
        CsvTicks.Line line = csv.parse("2026-01-02T03:04:05Z,XAUUSD,2650.1,2650.4", 2);
        assertThat(line.problem()).isNull();
        assertThat(line.ticks()).containsExactly(new MarketTick("XAUUSD", new BigDecimal("2650.1"), new BigDecimal("2650.4"), null,
                Instant.parse("2026-01-02T03:04:05Z")));
    }

    @Test
    void anOhlcRowIsFourTicksSpreadOverTheBarThroughTheNearerExtremeFirst() {
        CsvTicks.Line up = csv.parse("2026-01-02 03:04:00,XAUUSD,10,12,9,11,1234", 2);
        assertThat(up.ticks()).extracting(MarketTick::bid).map(BigDecimal::toPlainString).containsExactly("10", "9", "12", "11");
        assertThat(up.ticks()).extracting(MarketTick::ask).map(BigDecimal::toPlainString).containsExactly("10.10", "9.10", "12.10", "11.10");
        assertThat(up.ticks()).extracting(MarketTick::venueTime).containsExactly(Instant.parse("2026-01-02T03:04:00Z"),
                Instant.parse("2026-01-02T03:04:15Z"), Instant.parse("2026-01-02T03:04:30Z"), Instant.parse("2026-01-02T03:04:45Z"));

        CsvTicks.Line down = csv.parse("2026-01-02 03:05:00,XAUUSD,11,12,9,10", 3);
        assertThat(down.ticks()).extracting(MarketTick::bid).map(BigDecimal::toPlainString).containsExactly("11", "12", "9", "10");
    }

    @Test
    void epochSecondsAndMillisAreTimestamps() {
        assertThat(csv.parse("1767323045,XAUUSD,1,2", 2).ticks().get(0).venueTime()).isEqualTo(Instant.ofEpochSecond(1767323045));
        assertThat(csv.parse("1767323045123,XAUUSD,1,2", 2).ticks().get(0).venueTime()).isEqualTo(Instant.ofEpochMilli(1767323045123L));
    }

    @Test
    void aHeaderCommentsAndBlankLinesAreSkipped() {
        assertThat(csv.parse("timestamp,symbol,bid,ask", 1)).isEqualTo(new CsvTicks.Line(java.util.List.of(), null));
        assertThat(csv.parse("# exported 2026-01-02", 5).ticks()).isEmpty();
        assertThat(csv.parse("   ", 6).ticks()).isEmpty();
    }

    @Test
    void badRowsSayWhatIsWrongWithThem() {
        assertThat(csv.parse("yesterday,XAUUSD,1,2", 7).problem()).isEqualTo("line 7: 'yesterday' is not a timestamp");
        assertThat(csv.parse("2026-01-02T03:04:05Z,XAUUSD,1,2,3", 8).problem()).startsWith("line 8: expected 4 columns");
        assertThat(csv.parse("2026-01-02T03:04:05Z,XAUUSD,2,1", 9).problem()).isEqualTo("line 9: bid above ask");
        assertThat(csv.parse("2026-01-02T03:04:05Z,XAUUSD,-1,1", 10).problem()).isEqualTo("line 10: a price is not a positive decimal");
        assertThat(csv.parse("2026-01-02T03:04:05Z,XAUUSD,10,9,8,11", 11).problem()).isEqualTo("line 11: high and low do not enclose open and close");
    }
}
