package io.positrack.position.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.positrack.contracts.position.Origin;
import io.positrack.contracts.position.PositionSnapshot;
import io.positrack.contracts.position.PositionStatus;
import io.positrack.contracts.position.Side;
import io.positrack.position.venue.OpenOrder;
import io.positrack.position.venue.OrderType;
import io.positrack.position.venue.UnconfirmedCancels;
import io.positrack.position.venue.WantedOrders;

/** What protective-order reconciliation decides from the venue's working orders and what open positions want. */
class ProtectionPlanTest {

    private static final Instant T = Instant.parse("2026-12-02T10:00:00Z");

    private static PositionSnapshot position(long id, PositionStatus status, String exitOrderId) {
        return new PositionSnapshot(id, "acc", "paper", "BTCUSDT", Side.BUY, status, new BigDecimal("2"), new BigDecimal("2"),
                new BigDecimal("2"), new BigDecimal("100"), null, new BigDecimal("95"), new BigDecimal("110"), null, null,
                Origin.COMMAND, null, "pt-" + id + "-e-1", exitOrderId, exitOrderId == null ? 0 : 1, 6, T, T, null);
    }

    private static ProtectionPlan.Wanting wanting(PositionSnapshot p, Integer attempt) {
        return new ProtectionPlan.Wanting(p, WantedOrders.of(p, attempt));
    }

    private static OpenOrder working(String clientOrderId) {
        return new OpenOrder("acc", "paper", "BTCUSDT", clientOrderId, Side.SELL, OrderType.STOP_MARKET, new BigDecimal("2"),
                new BigDecimal("95"), true);
    }

    private static List<String> ids(List<OpenOrder> orders) {
        return orders.stream().map(OpenOrder::clientOrderId).toList();
    }

    @Test
    void theStopsOfAnEarlierAttemptAreLeftoversOnceAStopsUpdateDecidedNewOnes() {
        var plan = ProtectionPlan.decide(List.of(working("pt-5-sl-3"), working("pt-5-tp-3"), working("pt-5-sl-6"), working("pt-5-tp-6")),
                List.of(wanting(position(5, PositionStatus.ACTIVE, null), 6)), Set.of(), List.of());

        assertThat(ids(plan.leftovers())).containsExactly("pt-5-sl-3", "pt-5-tp-3");
        assertThat(plan.missing()).isEmpty();
    }

    @Test
    void everyPositrackOrderOfAPositionThatIsNoLongerOpenIsALeftoverAndForeignOrdersAreLeftAlone() {
        var plan = ProtectionPlan.decide(List.of(working("pt-9-sl-4"), working("pt-9-x-1"), working("my-own-limit-order")),
                List.of(), Set.of(), List.of());

        assertThat(ids(plan.leftovers())).containsExactly("pt-9-sl-4", "pt-9-x-1");
    }

    @Test
    void aClosingPositionWantsItsCurrentExitOnlySoItsProtectionAndOlderExitsAreLeftovers() {
        var plan = ProtectionPlan.decide(List.of(working("pt-5-sl-6"), working("pt-5-x-1"), working("pt-5-x-2")),
                List.of(wanting(position(5, PositionStatus.CLOSING, "pt-5-x-2"), 6)), Set.of(), List.of());

        assertThat(ids(plan.leftovers())).containsExactly("pt-5-sl-6", "pt-5-x-1");
    }

    @Test
    void anEntryWhoseCancelWasRequestedIsALeftoverAndAnEntryStillWantedIsNot() {
        PositionSnapshot cancelling = new PositionSnapshot(8, "acc", "paper", "BTCUSDT", Side.BUY, PositionStatus.ENTRY_PLACED,
                new BigDecimal("2"), BigDecimal.ZERO, BigDecimal.ZERO, null, null, null, null, null, "EXPIRED", Origin.COMMAND, null,
                "pt-8-e-1", null, 0, 3, T, T, null);
        PositionSnapshot waiting = new PositionSnapshot(10, "acc", "paper", "ETHUSDT", Side.BUY, PositionStatus.ENTRY_PLACED,
                new BigDecimal("2"), BigDecimal.ZERO, BigDecimal.ZERO, null, null, null, null, null, null, Origin.COMMAND, null,
                "pt-10-e-1", null, 0, 2, T, T, null);

        var plan = ProtectionPlan.decide(List.of(working("pt-8-e-1"), working("pt-10-e-1")),
                List.of(wanting(cancelling, null), wanting(waiting, null)), Set.of(), List.of());

        assertThat(ids(plan.leftovers())).containsExactly("pt-8-e-1");
    }

    @Test
    void missingProtectionIsActedOnOnlyWhenThePreviousRoundFoundItMissingToo() {
        List<ProtectionPlan.Wanting> open = List.of(wanting(position(5, PositionStatus.ACTIVE, null), 6));

        var first = ProtectionPlan.decide(List.of(working("pt-5-tp-6")), open, Set.of(), List.of());
        var second = ProtectionPlan.decide(List.of(working("pt-5-tp-6")), open, first.missingIds(), List.of());

        assertThat(first.missingIds()).containsExactly("pt-5-sl-6");
        assertThat(first.missingTwice()).isEmpty();
        assertThat(second.missingTwice()).extracting(o -> o.clientOrderId().toString()).containsExactly("pt-5-sl-6");
    }

    @Test
    void protectionOfAPositionStillAwaitingItsStopsIsTheSweepersAndNeverPlacedHere() {
        var plan = ProtectionPlan.decide(List.of(), List.of(wanting(position(5, PositionStatus.PENDING_SL, null), 6)),
                Set.of("pt-5-sl-6", "pt-5-tp-6"), List.of());

        assertThat(plan.missing()).isEmpty();
        assertThat(plan.leftovers()).isEmpty();
    }

    @Test
    void anUnconfirmedCancelIsConfirmedOnceTheVenueListsNoneOfItsOrdersAndNotBefore() {
        var protectionExceptSix = new UnconfirmedCancels.Pending(1, "acc", "paper", "BTCUSDT", 5, null, 6);
        var oneExit = new UnconfirmedCancels.Pending(2, "acc", "paper", "BTCUSDT", 5, "pt-5-x-1", 0);
        List<ProtectionPlan.Wanting> open = List.of(wanting(position(5, PositionStatus.ACTIVE, null), 6));

        var stillWorking = ProtectionPlan.decide(List.of(working("pt-5-sl-3"), working("pt-5-sl-6"), working("pt-5-tp-6")), open,
                Set.of(), List.of(protectionExceptSix, oneExit));
        var gone = ProtectionPlan.decide(List.of(working("pt-5-sl-6"), working("pt-5-tp-6")), open, Set.of(),
                List.of(protectionExceptSix, oneExit));

        assertThat(stillWorking.confirmed()).containsExactly(oneExit);
        assertThat(gone.confirmed()).containsExactly(protectionExceptSix, oneExit);
    }
}
