package io.positrack.signal.freshness;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.positrack.contracts.position.Side;

/** The market's two refusals of an entry: no fresh data, and a stop or target the market has already reached. */
class EntryGuardTest {

    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");
    private static final Instant START = NOW.minus(Duration.ofHours(1));
    private static final Optional<Duration> TWO_MINUTES = Optional.of(Duration.ofMinutes(2));

    private static Optional<LatestTicks.Quote> quote(String bid, String ask, Instant time) {
        return Optional.of(new LatestTicks.Quote(new BigDecimal(bid), new BigDecimal(ask), time));
    }

    private static Optional<String> buy(String stop, String target, Optional<LatestTicks.Quote> latest, Optional<Duration> maxAge) {
        return EntryGuard.refusal("EURUSD", Side.BUY, new BigDecimal(stop), new BigDecimal(target), latest, START, NOW, maxAge);
    }

    @Test
    void aSymbolWhoseLastTickIsOlderThanTheMaxAgeIsRefusedWithItsTime() {
        Instant last = NOW.minusSeconds(121);

        assertThat(buy("1.07", "1.09", quote("1.08", "1.0801", last), TWO_MINUTES))
                .contains("no fresh market data for EURUSD since " + last);
    }

    @Test
    void aTickJustWithinTheMaxAgeIsFresh() {
        assertThat(buy("1.07", "1.09", quote("1.08", "1.0801", NOW.minusSeconds(120)), TWO_MINUTES)).isEmpty();
    }

    @Test
    void aSymbolThatNeverTickedIsStaleSinceStartOnceTheMaxAgeHasPassed() {
        assertThat(buy("1.07", "1.09", Optional.empty(), TWO_MINUTES)).get().asString()
                .startsWith("no fresh market data for EURUSD since " + START);
        assertThat(EntryGuard.staleSince(Optional.empty(), NOW.minusSeconds(10), NOW, Duration.ofMinutes(2))).isEmpty();
    }

    @Test
    void withoutAMaxAgeOldDataIsNotRefused() {
        assertThat(buy("1.07", "1.09", quote("1.08", "1.0801", NOW.minus(Duration.ofDays(3))), Optional.empty())).isEmpty();
    }

    @Test
    void theIssuesCaseABuyWhoseTakeProfitTheMarketPassedIsRefusedWithThePrice() {
        // Entry 1.08017, take profit 1.08032, the market at 1.08035.
        Optional<String> refusal = buy("1.07990", "1.08032", quote("1.08035", "1.08037", NOW.minusSeconds(1)), TWO_MINUTES);

        assertThat(refusal).get().asString().contains("take profit 1.08032").contains("1.08035").contains("not opened");
    }

    @Test
    void aBuyWhoseStopTheBidReachedIsRefused() {
        assertThat(buy("1.0790", "1.0830", quote("1.0790", "1.0792", NOW), TWO_MINUTES)).get().asString().contains("stop loss 1.0790");
    }

    @Test
    void aSellIsJudgedAtTheAsk() {
        Optional<LatestTicks.Quote> latest = quote("1.0795", "1.0801", NOW);

        assertThat(EntryGuard.refusal("EURUSD", Side.SELL, new BigDecimal("1.0810"), new BigDecimal("1.0800"), latest, START, NOW, TWO_MINUTES))
                .isEmpty();
        assertThat(EntryGuard.refusal("EURUSD", Side.SELL, new BigDecimal("1.0810"), new BigDecimal("1.0801"), latest, START, NOW, TWO_MINUTES))
                .get().asString().contains("take profit 1.0801").contains("ask is 1.0801");
    }

    @Test
    void anEntryBetweenItsStopsOnFreshDataPasses() {
        assertThat(buy("1.0790", "1.0830", quote("1.0800", "1.0802", NOW), TWO_MINUTES)).isEmpty();
    }
}
