package io.positrack.position.venue.binance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.positrack.contracts.position.CommandResult;
import io.positrack.contracts.position.Outcome;
import io.positrack.contracts.position.PositionCommand;
import io.positrack.contracts.position.Side;
import io.positrack.contracts.venue.VenuePositionReport;
import io.positrack.infra.binance.BinanceFuturesStandIn;
import io.positrack.infra.quarkus.PositrackTestInfrastructure;
import io.positrack.position.command.CommandProcessor;
import io.positrack.position.reconciliation.PositionReportHandler;
import io.positrack.position.reconciliation.Reconciler;
import io.positrack.position.support.Database;
import io.positrack.position.support.PositionTestClient;
import io.positrack.position.venue.AccountSnapshot;
import io.positrack.position.venue.ExecutionVenue;
import io.positrack.position.venue.OpenOrder;
import io.positrack.position.venue.OrderType;
import io.positrack.position.venue.VenueDispatcher;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.mutiny.Uni;

/**
 * The reconciliation scenarios (seeds 001, 002, 004), a 503 after accept, an expired listen key and a stop loss,
 * through the Binance adapter against the Binance stand-in: every request signed and verified, every fill back
 * through the user data stream and {@code venue-events}. Each test has symbols of its own on the one stand-in
 * account and leaves the venue and the database in agreement.
 */
@QuarkusTest
@TestProfile(BinanceProfile.class)
@WithTestResource(value = PositrackTestInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "position"))
@WithTestResource(BinanceStandInResource.class)
class BinanceVenueTest {

    private static final String ACCOUNT = BinanceStandInResource.ACCOUNT;
    private static final String VENUE = BinanceVenue.NAME;
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Inject
    Reconciler reconciler;

    @Inject
    PositionReportHandler reports;

    @Inject
    VenueDispatcher venues;

    @Inject
    CommandProcessor processor;

    @Inject
    MeterRegistry registry;

    private final PositionTestClient kafka = PositionTestClient.get();
    private final BinanceFuturesStandIn standIn = BinanceStandInResource.standIn();

    @BeforeEach
    void streamIsConnected() {
        await().atMost(PATIENCE).until(() -> standIn.openStreamConnections() >= 1);
    }

    @AfterEach
    void faultsOff() {
        standIn.faults().reset();
        standIn.streamsDown(false);
    }

    @Test
    void aStalePositionQueryRightAfterTheStreamSaidClosedResurrectsNothing() {
        String symbol = "STALEUSDT";
        long id = activePosition(symbol, Side.BUY, "2", "150.00");
        answer(close(symbol));
        await().atMost(PATIENCE).until(() -> status(id).equals("CLOSED"));
        long exitFill = standIn.position(symbol).updateTime();
        int ordersBefore = standIn.orders(symbol).size();

        // Seed 001: positionRisk trails the stream and still shows the position as it was before the exit fill.
        standIn.faults().positionRiskAsOf(Instant.ofEpochMilli(exitFill - 1));
        List<String> outcomes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            outcomes.add(reconcileOnly(symbol));
        }

        assertThat(outcomes).containsOnly("stale");
        assertThat(Database.count("SELECT count(*) FROM positions WHERE account = ? AND symbol = ?", ACCOUNT, symbol)).as("no ghost").isEqualTo(1);
        assertThat(status(id)).isEqualTo("CLOSED");
        assertThat(standIn.orders(symbol)).as("no order placed").hasSize(ordersBefore);
        assertThat(standIn.algoOrders(symbol).stream().filter(o -> o.status().equals("NEW"))).as("no protection left").isEmpty();
        assertThat(observations(symbol)).isZero();

        // The venue's truth, once positionRisk has caught up and shows a change after the exit fill (the symbol itself
        // is left out: flat, no orders), agrees.
        standIn.faults().positionRiskLag(Duration.ZERO);
        activePosition("STALEWUSDT", Side.BUY, "1", "3");
        await().atMost(PATIENCE).until(() -> reconcileOnly(symbol).equals("in_sync"));
        assertThat(Database.count("SELECT count(*) FROM positions WHERE account = ? AND symbol = ?", ACCOUNT, symbol)).isEqualTo(1);
    }

    @Test
    void twoReconcilersAtOnceAdoptEachOrphanExactlyOnce() throws Exception {
        standIn.setPosition("ORPHAUSDT", "3", "101.5");
        standIn.setPosition("ORPHBUSDT", "-1.5", "52");

        for (int round = 0; round < 3; round++) {
            List<CompletableFuture<List<String>>> runs = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                runs.add(CompletableFuture.supplyAsync(this::reconcileAll));
            }
            for (CompletableFuture<List<String>> run : runs) {
                run.get();
            }
        }

        assertThat(Database.count("""
                SELECT count(*) FROM positions WHERE account = ? AND symbol = 'ORPHAUSDT' AND origin = 'ADOPTED' AND status = 'ACTIVE'
                   AND side = 'BUY' AND remaining_quantity = 3 AND entry_price = 101.5""", ACCOUNT)).isEqualTo(1);
        assertThat(Database.count("""
                SELECT count(*) FROM positions WHERE account = ? AND symbol = 'ORPHBUSDT' AND origin = 'ADOPTED' AND side = 'SELL'
                   AND remaining_quantity = 1.5""", ACCOUNT)).isEqualTo(1);
        assertThat(Database.count("SELECT count(*) FROM positions WHERE account = ? AND symbol IN ('ORPHAUSDT', 'ORPHBUSDT')", ACCOUNT))
                .isEqualTo(2);
        assertThat(Database.count("""
                SELECT count(*) FROM position_events e JOIN positions p ON p.id = e.position_id
                 WHERE p.account = ? AND p.symbol IN ('ORPHAUSDT', 'ORPHBUSDT') AND e.type = 'PositionAdopted'""", ACCOUNT)).isEqualTo(2);
        assertThat(standIn.orders("ORPHAUSDT")).as("adoption places no order").isEmpty();
        assertThat(standIn.orders("ORPHBUSDT")).isEmpty();
    }

    @Test
    void fiftyConcurrentExitsPlaceOneOrderOnTheVenue() {
        String symbol = "TWINUSDT";
        long id = activePosition(symbol, Side.BUY, "0.5", "2000");

        List<Uni<CommandResult>> closes = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            closes.add(processor.process(close(symbol)));
        }
        List<CommandResult> results = Uni.join().all(closes).andFailFast().await().atMost(Duration.ofMinutes(1));

        Map<Outcome, Long> byOutcome = results.stream().collect(Collectors.groupingBy(CommandResult::outcome, Collectors.counting()));
        assertThat(byOutcome.get(Outcome.CLOSING)).isEqualTo(1);
        await().atMost(PATIENCE).until(() -> status(id).equals("CLOSED"));
        assertThat(standIn.orders(symbol).stream().filter(o -> o.clientId().startsWith("pt-" + id + "-x-"))).as("exit orders").hasSize(1);
        assertThat(standIn.position(symbol).amount()).isEqualByComparingTo("0");
        assertThat(Database.count("SELECT count(*) FROM position_events WHERE position_id = ? AND type = 'PositionClosed'", id)).isEqualTo(1);
    }

    @Test
    void anExitIsClampedToWhatBinanceHoldsWithAnAdjustedEvent() {
        String symbol = "LESSUSDT";
        long id = activePosition(symbol, Side.BUY, "2", "0.5");
        standIn.setPosition(symbol, "1.5", "0.5");
        assertThat(reconcileOnly(symbol)).isEqualTo("observed");

        CommandResult closing = answer(close(symbol));

        assertThat(closing.outcome()).isEqualTo(Outcome.CLOSING);
        assertThat(closing.position().remainingQuantity()).isEqualByComparingTo("1.5");
        assertThat(Database.count("SELECT count(*) FROM position_events WHERE position_id = ? AND type = 'PositionAdjusted'", id)).isEqualTo(1);
        await().atMost(PATIENCE).until(() -> status(id).equals("CLOSED"));
        assertThat(standIn.orders(symbol)).filteredOn(o -> o.clientId().equals("pt-" + id + "-x-1")).singleElement().satisfies(o -> {
            assertThat(o.quantity()).isEqualByComparingTo("1.5");
            assertThat(o.side()).isEqualTo("SELL");
            assertThat(o.reduceOnly()).isTrue();
        });
        assertThat(standIn.position(symbol).amount()).isEqualByComparingTo("0");
    }

    @Test
    void anExitForAPositionBinanceShowsAsZeroPlacesNoOrderAndClosesReconciled() {
        String symbol = "ZEROUSDT";
        long id = activePosition(symbol, Side.BUY, "3", "7");
        standIn.setPosition(symbol, "0", null);
        // positionRisk leaves a flat symbol out: flat as of the newest change it lists, so only an answer that shows a
        // change after the entry fill (here another position's entry) says "flat" for it.
        activePosition("ZEROWUSDT", Side.BUY, "1", "3");
        await().atMost(PATIENCE).until(() -> reconcileOnly(symbol).equals("observed"));

        CommandResult result = answer(close(symbol));

        // A stored "none" is asked again before the position is closed without an order (HoldingCheck).
        assertThat(result.outcome()).isEqualTo(Outcome.CLOSING);
        await().atMost(PATIENCE).until(() -> status(id).equals("CLOSED"));
        assertThat(Database.count("SELECT count(*) FROM positions WHERE id = ? AND close_reason = 'RECONCILED'", id)).isEqualTo(1);
        assertThat(standIn.orders(symbol)).as("the entry only").hasSize(1);
    }

    @Test
    void aPlacementAnswered503AfterBinanceTookItEndsWithExactlyOneOrder() {
        String symbol = "LOSTUSDT";
        standIn.setMarkPrice(symbol, "10");
        // The worst case: Binance executes the order, answers 503 "Unknown error", and the stream loses its events.
        standIn.faults().dropStreamEvents(1.0).acceptThenAnswer503(1);
        CommandResult opened = answer(open(symbol, Side.BUY, "4", null));
        long id = opened.position().id();
        await().atMost(PATIENCE).until(() -> standIn.orders(symbol).size() == 1 && standIn.orders(symbol).get(0).status().equals("FILLED"));
        standIn.faults().dropStreamEvents(0);

        // The intent sweeper looks the order up by its client order id and applies what it finds.
        await().atMost(PATIENCE).until(() -> status(id).equals("ACTIVE"));

        assertThat(standIn.answered503()).isPositive();
        assertThat(standIn.orders(symbol)).as("exactly one order").hasSize(1);
        assertThat(Database.count("SELECT count(*) FROM positions WHERE id = ? AND filled_quantity = 4 AND entry_price = 10", id)).isEqualTo(1);
    }

    @Test
    void afterTheListenKeyExpiresTheStreamReconnectsAndLaterFillsStillArrive() {
        int keys = standIn.listenKeysIssued();
        int connections = standIn.streamConnectionsOpened();
        double gaps = registry.counter("positrack.binance.stream.gaps").count();

        standIn.expireListenKeys();

        await().atMost(PATIENCE).until(() -> standIn.listenKeysIssued() > keys && standIn.streamConnectionsOpened() > connections
                && standIn.openStreamConnections() >= 1);
        assertThat(registry.counter("positrack.binance.stream.gaps").count()).isGreaterThan(gaps);
        long id = activePosition("AFTERUSDT", Side.SELL, "1", "3.2");
        assertThat(Database.count("SELECT count(*) FROM inbox WHERE source = 'venue-events' AND message_id ~ ?",
                "^pt-" + id + "-e-1:FILLED:[0-9]+$")).as("the fill came through the new stream connection, with its trade id").isEqualTo(1);
    }

    @Test
    void aStopLossIsAConditionalOrderThatClosesThePositionWhenTheMarkPriceReachesIt() {
        String symbol = "STOPUSDT";
        standIn.setMarkPrice(symbol, "100");
        CommandResult opened = answer(open(symbol, Side.BUY, "2", "95"));
        long id = opened.position().id();
        await().atMost(PATIENCE).until(() -> status(id).equals("ACTIVE"));
        assertThat(standIn.algoOrders(symbol)).singleElement().satisfies(o -> {
            assertThat(o.clientId()).startsWith("pt-" + id + "-sl-");
            assertThat(o.type()).isEqualTo("STOP_MARKET");
            assertThat(o.side()).isEqualTo("SELL");
            assertThat(o.reduceOnly()).isTrue();
        });

        standIn.setMarkPrice(symbol, "94.5");

        await().atMost(PATIENCE).until(() -> status(id).equals("CLOSED"));
        assertThat(Database.count("SELECT count(*) FROM positions WHERE id = ? AND close_reason = 'STOP_LOSS'", id)).isEqualTo(1);
        assertThat(standIn.position(symbol).amount()).isEqualByComparingTo("0");
        assertThat(standIn.orders(symbol)).as("the entry and the stop's market order, nothing else").hasSize(2);
        assertThat(standIn.signatureFailures()).as("every request was signed right").isZero();
    }

    @Test
    void cancellingProtectionRefusedWith429IsAskedAgainSoNoStopIsLeftWorking() {
        String symbol = "RETRYUSDT";
        standIn.setMarkPrice(symbol, "50");
        CommandResult opened = answer(open(symbol, Side.BUY, "1", "45"));
        long id = opened.position().id();
        await().atMost(PATIENCE).until(() -> status(id).equals("ACTIVE"));
        assertThat(standIn.algoOrders(symbol)).filteredOn(o -> o.status().equals("NEW")).hasSize(1);
        int refusedBefore = standIn.refusedRequests();

        // Found in the randomized run: a stop left working after its position closed fires on the symbol's next position.
        standIn.faults().tooManyRequests(3, Duration.ofSeconds(1));
        venue().cancelProtection(ACCOUNT, symbol, id).await().atMost(PATIENCE);

        assertThat(standIn.refusedRequests() - refusedBefore).as("requests answered 429").isEqualTo(3);
        assertThat(standIn.algoOrders(symbol)).filteredOn(o -> o.status().equals("NEW")).as("working stops").isEmpty();
    }

    @Test
    void aPositionRiskBehindAFillDoesNotSayItsSymbolWasFlatAfterTheFill() {
        long witness = activePosition("LAGWUSDT", Side.BUY, "1", "4");
        long witnessFill = standIn.position("LAGWUSDT").updateTime();
        String symbol = "LAGUSDT";
        long id = activePosition(symbol, Side.BUY, "2", "8");
        Instant fill = Instant.ofEpochMilli(standIn.position(symbol).updateTime());

        // positionRisk has not taken in the entry fill yet: it leaves the symbol out (flat, no orders).
        standIn.faults().positionRiskAsOf(fill.minusMillis(1));
        // Long enough that the server time minus position-risk-lag (500 ms) is after the fill.
        await().atMost(PATIENCE).until(() -> Instant.now().isAfter(fill.plusSeconds(1)));
        AccountSnapshot snapshot = venue().snapshot(ACCOUNT).await().atMost(PATIENCE);

        assertThat(snapshot.positions()).noneMatch(p -> p.symbol().equals(symbol));
        assertThat(snapshot.asOf()).as("as fresh as the newest change it shows: the witness's fill").isEqualTo(Instant.ofEpochMilli(witnessFill))
                .isBefore(fill);
        assertThat(reconcileOnly(symbol)).isEqualTo("stale");
        assertThat(observations(symbol)).isZero();
        assertThat(status(id)).isEqualTo("ACTIVE");

        standIn.faults().positionRiskLag(Duration.ZERO);
        assertThat(reconcileOnly(symbol)).isEqualTo("in_sync");
        assertThat(status(witness)).isEqualTo("ACTIVE");
    }

    @Test
    void openOrdersListsPositracksAndForeignOrdersOfEverySymbolRegularAndConditional() {
        standIn.setMarkPrice("OPENAUSDT", "100");
        long id = answer(open("OPENAUSDT", Side.BUY, "2", "95")).position().id();
        await().atMost(PATIENCE).until(() -> status(id).equals("ACTIVE"));
        String stop = standIn.algoOrders("OPENAUSDT").get(0).clientId();
        standIn.restingOrder("OPENBUSDT", "BUY", "LIMIT", "3", false, "hand-limit-1");
        standIn.restingOrder("OPENBUSDT", "SELL", "MARKET", "0.5", true, "pt-999999-x-1");
        standIn.conditionalOrder("OPENCUSDT", "SELL", "TAKE_PROFIT_MARKET", "1.25", "120", true, "hand-tp-1");

        List<OpenOrder> orders = venue().openOrders(ACCOUNT).await().atMost(PATIENCE).stream()
                .filter(o -> o.symbol().startsWith("OPEN")).toList();

        assertThat(orders).containsExactlyInAnyOrder(
                new OpenOrder(ACCOUNT, VENUE, "OPENAUSDT", stop, Side.SELL, OrderType.STOP_MARKET, new BigDecimal("2"), new BigDecimal("95"), true),
                new OpenOrder(ACCOUNT, VENUE, "OPENBUSDT", "hand-limit-1", Side.BUY, null, new BigDecimal("3"), null, false),
                new OpenOrder(ACCOUNT, VENUE, "OPENBUSDT", "pt-999999-x-1", Side.SELL, OrderType.MARKET, new BigDecimal("0.5"), null, true),
                new OpenOrder(ACCOUNT, VENUE, "OPENCUSDT", "hand-tp-1", Side.SELL, OrderType.TAKE_PROFIT_MARKET, new BigDecimal("1.25"),
                        new BigDecimal("120"), true));
        assertThat(orders).filteredOn(o -> o.positrackId().isPresent()).hasSize(2);
        assertThatThrownBy(() -> venue().openOrders("another-account").await().atMost(PATIENCE)).hasMessageContaining("knows only");
    }

    @Test
    void anOpenOrdersQueryThatFailsOrCannotBeReadFailsTheCallInsteadOfListingFewer() {
        standIn.faults().breakEndpoint("/fapi/v1/openAlgoOrders", 503, "{\"code\":-1000,\"msg\":\"An unknown error occured while processing the request.\"}");
        assertThatThrownBy(() -> venue().openOrders(ACCOUNT).await().atMost(PATIENCE)).hasMessageContaining("open algo orders");

        standIn.faults().reset().breakEndpoint("/fapi/v1/openOrders", 200, "{\"orders\":[]}");
        assertThatThrownBy(() -> venue().openOrders(ACCOUNT).await().atMost(PATIENCE)).hasMessageContaining("not readable");

        standIn.faults().reset().tooManyRequests(1, Duration.ofSeconds(1));
        assertThat(venue().openOrders(ACCOUNT).await().atMost(PATIENCE)).as("a 429 is asked again").isNotNull();
    }

    @Test
    void aStopLossFilledWhileTheStreamWasDownClosesAsAStopLossWithItsPrice() {
        String symbol = "GAPUSDT";
        standIn.setMarkPrice(symbol, "100");
        long id = answer(open(symbol, Side.BUY, "2", "95")).position().id();
        await().atMost(PATIENCE).until(() -> status(id).equals("ACTIVE"));
        double applied = registry.counter("positrack.venue.gap_lookups", "outcome", "applied").count();

        standIn.streamsDown(true);
        await().atMost(PATIENCE).until(() -> standIn.openStreamConnections() == 0);
        standIn.setMarkPrice(symbol, "94.5");
        assertThat(standIn.position(symbol).amount()).as("the stop filled on the venue").isEqualByComparingTo("0");
        assertThat(status(id)).as("no event reached the service").isEqualTo("ACTIVE");
        standIn.streamsDown(false);

        await().atMost(PATIENCE).until(() -> status(id).equals("CLOSED"));
        assertThat(Database.count("""
                SELECT count(*) FROM positions WHERE id = ? AND close_reason = 'STOP_LOSS' AND exit_price = 94.5 AND realized_pnl = -11""", id))
                .isEqualTo(1);
        assertThat(registry.counter("positrack.venue.gap_lookups", "outcome", "applied").count()).isGreaterThan(applied);
        assertThat(standIn.orders(symbol)).as("nothing sent after the gap: the entry and the stop's market order").hasSize(2);
    }

    // ---------------------------------------------------------------- helpers

    private long activePosition(String symbol, Side side, String quantity, String price) {
        standIn.setMarkPrice(symbol, price);
        CommandResult opened = answer(open(symbol, side, quantity, null));
        long id = opened.position().id();
        await().atMost(PATIENCE).until(() -> status(id).equals("ACTIVE"));
        return id;
    }

    private static PositionCommand.OpenPosition open(String symbol, Side side, String quantity, String stopLoss) {
        return new PositionCommand.OpenPosition(UUID.randomUUID().toString(), ACCOUNT, VENUE, symbol, side, new BigDecimal(quantity), null,
                stopLoss == null ? null : new BigDecimal(stopLoss), null, null, 42L, Instant.now());
    }

    private static PositionCommand.ClosePosition close(String symbol) {
        return new PositionCommand.ClosePosition(UUID.randomUUID().toString(), ACCOUNT, VENUE, symbol, null, null, 42L, Instant.now());
    }

    private CommandResult answer(PositionCommand command) {
        kafka.sendCommand(command);
        await().atMost(PATIENCE).until(() -> !kafka.resultsFor(command.commandId()).isEmpty());
        return kafka.resultsFor(command.commandId()).get(0);
    }

    private List<String> reconcileAll() {
        return reconciler.reconcile(venue(), ACCOUNT).await().atMost(PATIENCE);
    }

    /**
     * One symbol's line of a fresh Binance snapshot, applied as the Reconciler applies it (a symbol positionRisk
     * leaves out is flat as of the snapshot), so a scenario never touches another test's symbols.
     */
    private String reconcileOnly(String symbol) {
        AccountSnapshot snapshot = venue().snapshot(ACCOUNT).await().atMost(PATIENCE);
        VenuePositionReport line = snapshot.positions().stream().filter(p -> p.symbol().equals(symbol)).findFirst()
                .orElseGet(() -> VenuePositionReport.of("test-" + UUID.randomUUID(), ACCOUNT, VENUE, symbol, null, BigDecimal.ZERO, null,
                        snapshot.complete(), snapshot.asOf()));
        return reports.apply(line).await().atMost(PATIENCE);
    }

    private ExecutionVenue venue() {
        return venues.venue(VENUE);
    }

    private static long observations(String symbol) {
        return Database.count("SELECT count(*) FROM reconciliation_observations WHERE account = ? AND symbol = ?", ACCOUNT, symbol);
    }

    private static String status(long id) {
        try (Connection c = Database.connect(); PreparedStatement s = c.prepareStatement("SELECT status FROM positions WHERE id = ?")) {
            s.setLong(1, id);
            ResultSet rs = s.executeQuery();
            rs.next();
            return rs.getString(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
