package io.positrack.position.venue.binance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

/** Backing off Binance's IP limits: 429 Retry-After, 418 bans, request weight near the limit. */
class RateLimitGuardTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:10Z");

    @Test
    void requestsGoOutWhileNothingIsLimited() {
        assertThat(new RateLimitGuard(2400, 0.8).before(T0, 5)).isInstanceOf(RateLimitGuard.Send.class);
    }

    @Test
    void a429PausesEveryRequestForItsRetryAfter() {
        RateLimitGuard guard = new RateLimitGuard(2400, 0.8);
        guard.after(T0, 429, OptionalInt.empty(), OptionalLong.of(3));

        assertThat(guard.before(T0.plusSeconds(1), 0)).isEqualTo(new RateLimitGuard.Wait(Duration.ofSeconds(2), "429 Retry-After"));
        assertThat(guard.before(T0.plusSeconds(3), 0)).isInstanceOf(RateLimitGuard.Send.class);
    }

    @Test
    void a418StopsEveryRequestUntilTheBanLifts() {
        RateLimitGuard guard = new RateLimitGuard(2400, 0.8);
        guard.after(T0, 418, OptionalInt.empty(), OptionalLong.of(120));

        assertThat(guard.before(T0.plusSeconds(119), 0)).isInstanceOf(RateLimitGuard.Refuse.class);
        assertThat(guard.before(T0.plusSeconds(120), 0)).isInstanceOf(RateLimitGuard.Send.class);
    }

    @Test
    void aBanWithoutRetryAfterStillStopsRequests() {
        RateLimitGuard guard = new RateLimitGuard(2400, 0.8);
        guard.after(T0, 418, OptionalInt.empty(), OptionalLong.empty());

        assertThat(guard.before(T0.plusSeconds(60), 0)).isInstanceOf(RateLimitGuard.Refuse.class);
    }

    @Test
    void queriesWaitForTheNextMinuteOnceTheWeightNearsTheLimit() {
        RateLimitGuard guard = new RateLimitGuard(2400, 0.8);
        guard.after(T0, 200, OptionalInt.of(1919), OptionalLong.empty());

        assertThat(guard.before(T0, 1)).isInstanceOf(RateLimitGuard.Send.class);
        assertThat(guard.before(T0, 5)).isInstanceOfSatisfying(RateLimitGuard.Wait.class,
                w -> assertThat(w.duration()).isEqualTo(Duration.ofSeconds(50)));
        assertThat(guard.before(T0.plusSeconds(50), 5)).as("a new minute").isInstanceOf(RateLimitGuard.Send.class);
    }

    @Test
    void cancellingProtectionUsesTheReservedWeightAndWaitsOnlyAtTheLimit() {
        RateLimitGuard guard = new RateLimitGuard(2400, 0.8);
        guard.after(T0, 200, OptionalInt.of(2000), OptionalLong.empty());

        assertThat(guard.before(T0, 1)).as("a query").isInstanceOf(RateLimitGuard.Wait.class);
        assertThat(guard.before(T0, 1, true)).as("an urgent cancel").isInstanceOf(RateLimitGuard.Send.class);
        guard.after(T0, 200, OptionalInt.of(2400), OptionalLong.empty());
        assertThat(guard.before(T0, 1, true)).as("an urgent cancel at the limit").isInstanceOf(RateLimitGuard.Wait.class);
    }

    @Test
    void ordersWeighNothingAndNeverWaitForWeight() {
        RateLimitGuard guard = new RateLimitGuard(2400, 0.8);
        guard.after(T0, 200, OptionalInt.of(2399), OptionalLong.empty());

        assertThat(guard.before(T0, 0)).isInstanceOf(RateLimitGuard.Send.class);
    }
}
