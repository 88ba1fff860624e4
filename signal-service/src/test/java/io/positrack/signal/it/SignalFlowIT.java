package io.positrack.signal.it;

import static io.restassured.RestAssured.given;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.positrack.contracts.bot.BotCommand;
import io.positrack.contracts.bot.BotVerb;
import io.positrack.contracts.position.CommandResult;
import io.positrack.contracts.position.Outcome;
import io.positrack.contracts.position.PositionCommand;
import io.positrack.contracts.position.PositionEvent;
import io.positrack.contracts.position.PositionStatus;
import io.positrack.contracts.signal.SignalSession;
import io.positrack.infra.InfraSettings;
import io.positrack.infra.LocalInfrastructure;
import io.positrack.infra.ServiceProcess;
import io.positrack.signal.strategy.Signal;
import io.positrack.signal.testing.ServiceApi;
import io.positrack.signal.testing.SignalTestClient;
import io.positrack.signal.testing.TickScript;
import io.positrack.infra.security.TestKeys;

/**
 * Issue 4's done-when tests (I7, I8, I10) on the packaged services: position-service and signal-service
 * run from their jars in processes of their own against a real broker and PostgreSQL; the test is the
 * gateway (bot commands on {@code bot-commands}, answers read from {@code command-results}) and the market
 * (crafted ticks on {@code market-ticks}, which make signals and drive the paper venue's fills and stops).
 * Each test uses symbols of its own.
 */
class SignalFlowIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String PAUSE_ACCOUNT = "pause-desk";
    private static final String PAUSE_SECRET = "test-only-pause-webhook-secret-000";

    private static LocalInfrastructure infra;
    private static ServiceProcess positionService;
    private static ServiceProcess signalService;
    private static SignalTestClient kafka;
    private static ServiceApi api;

    @BeforeAll
    static void start() {
        infra = LocalInfrastructure.start(InfraSettings.fromEnvironment());
        Path logs = Path.of("target", "signal-it");
        positionService = ServiceProcess.of("position-service", jar("positrack.position-service.jar",
                "../position-service/target/quarkus-app/quarkus-run.jar"), infra.quarkusConfig("position"), logs.resolve("position-service.log"));
        signalService = ServiceProcess.of("signal-service", jar("positrack.signal-service.jar", "target/quarkus-app/quarkus-run.jar"),
                signalServiceConfig(), logs.resolve("signal-service.log"));
        // Both at once: neither needs the other to start.
        CompletableFuture.allOf(CompletableFuture.runAsync(() -> positionService.start()),
                CompletableFuture.runAsync(() -> signalService.start())).join();
        kafka = SignalTestClient.connect(infra.kafka().bootstrapServers());
        api = ServiceApi.onPorts(signalService.httpPort(), signalService.managementPort());
    }

    @AfterAll
    static void stop() {
        if (kafka != null) {
            kafka.close();
        }
        // SIGKILL: the broker and database go away next, and a graceful stop spends some 25 s per service
        // on consumer-group rebalances as its consumers leave one by one.
        if (signalService != null) {
            signalService.kill();
        }
        if (positionService != null) {
            positionService.kill();
        }
        if (infra != null) {
            infra.close();
        }
    }

    /** I7: rapid /getsignal ×20 for one symbol. */
    @Test
    void twentyRapidGetSignalsOpenOnePositionAndEveryReplyShowsIt() {
        TickScript market = new TickScript("RAPIDUSD", kafka::tick);
        Signal signal = market.firstSignal();
        awaitSignal(market.symbol(), signal);
        String account = SignalTestClient.uniqueAccount("rapid");

        List<BotCommand> sent = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            BotCommand c = SignalTestClient.bot(BotVerb.GET_SIGNAL, account, market.symbol());
            kafka.sendAsync(c);
            sent.add(c);
        }
        kafka.flush();
        List<CommandResult> replies = sent.stream().map(SignalFlowIT::awaitResult).toList();

        // Handled in arrival order: the first opens, every later one is answered with that same position.
        assertThat(replies.get(0).outcome()).isEqualTo(Outcome.OPENED);
        long positionId = replies.get(0).position().id();
        assertThat(replies.subList(1, 20)).allSatisfy(r -> {
            assertThat(r.outcome()).isEqualTo(Outcome.DUPLICATE_OPEN_EXISTS);
            assertThat(r.position().id()).isEqualTo(positionId);
        });
        assertThat(replies).allSatisfy(r -> assertThat(r.position().signalId()).isEqualTo(signal.signalId()));
        await().atMost(PATIENCE).until(() -> api.session(positionId).isPresent());
        assertThat(positionIdsOf(account)).containsExactly(positionId);
        assertThat(sessionsOf(account)).extracting(SignalSession::positionId).containsExactly(positionId);
    }

    /** I7: /getsignal then /status back to back, 100 times, a /close after each pair, a new signal before each. */
    @Test
    void aStatusSentRightAfterAGetSignalAlwaysShowsWhatTheGetSignalAnswered() {
        TickScript market = new TickScript("PAIRUSD", kafka::tick);
        String account = SignalTestClient.uniqueAccount("pairs");
        Signal signal = market.firstSignal();
        int opened = 0;
        for (int i = 0; i < 100; i++) {
            if (i > 0) {
                signal = market.nextSignal();
            }
            awaitSignal(market.symbol(), signal);
            BotCommand getSignal = SignalTestClient.bot(BotVerb.GET_SIGNAL, account, market.symbol());
            BotCommand status = SignalTestClient.bot(BotVerb.STATUS, account, market.symbol());
            BotCommand close = SignalTestClient.bot(BotVerb.CLOSE, account, market.symbol());
            kafka.sendAsync(getSignal);
            kafka.sendAsync(status);
            kafka.sendAsync(close);
            kafka.flush();

            CommandResult g = awaitResult(getSignal);
            CommandResult s = awaitResult(status);
            awaitResult(close);
            String round = "round " + i + ": getsignal " + g.outcome() + " #" + (g.position() == null ? "-" : g.position().id())
                    + ", status " + s.outcome() + " #" + (s.position() == null ? "-" : s.position().id());
            assertThat(g.outcome()).as(round).isIn(Outcome.OPENED, Outcome.DUPLICATE_OPEN_EXISTS, Outcome.SIGNAL_ALREADY_USED);
            assertThat(s.outcome()).as(round).isEqualTo(Outcome.STATUS);
            assertThat(s.position().id()).as(round).isEqualTo(g.position().id());
            assertThat(s.position().version()).as(round).isGreaterThanOrEqualTo(g.position().version());
            if (g.outcome() == Outcome.OPENED) {
                opened++;
                assertThat(g.position().signalId()).as(round).isEqualTo(signal.signalId());
                assertThat(s.position().status().isOpen()).as(round).isTrue();
            }
        }
        int openedAnswers = opened;
        System.out.printf("SignalFlowIT: 100 getsignal/status pairs, %d opened a new position%n", openedAnswers);
        // Every position that exists was announced by an OPENED answer: none was opened behind the user's back.
        await().atMost(PATIENCE).until(() -> positionIdsOf(account).size() >= openedAnswers);
        assertThat(positionIdsOf(account)).hasSize(openedAnswers);
        assertThat(openedAnswers).isPositive();
    }

    /** I8: take profit, stop loss, /close and expiry each close the session, and a new /getsignal opens again. */
    @Test
    void everyWayAPositionEndsClosesItsSessionAndANewGetSignalOpensAgain() {
        TickScript market = new TickScript("TPSLUSD", kafka::tick);
        String account = SignalTestClient.uniqueAccount("ends");

        Signal first = market.firstSignal();
        long takeProfit = openAndFill(account, market, first);
        market.tick(beyond(first, first.takeProfit()));
        SignalSession tp = awaitClosedSession(takeProfit);
        assertThat(tp.closeReason()).isEqualTo("TAKE_PROFIT");
        assertThat(tp.realizedPnl()).isPositive();

        Signal second = market.nextSignal();
        long stopLoss = openAndFill(account, market, second);
        market.tick(beyond(second, second.stopLoss()));
        SignalSession sl = awaitClosedSession(stopLoss);
        assertThat(sl.closeReason()).isEqualTo("STOP_LOSS");
        assertThat(sl.realizedPnl()).isNegative();

        Signal third = market.nextSignal();
        long closed = openAndFill(account, market, third);
        assertThat(answer(SignalTestClient.bot(BotVerb.CLOSE, account, market.symbol())).outcome()).isEqualTo(Outcome.CLOSING);
        onThePaperBook("pt-" + closed + "-x-1");
        market.tick(market.lastPrice());
        assertThat(awaitClosedSession(closed).closeReason()).isEqualTo("COMMAND");

        Signal fourth = market.nextSignal();
        awaitSignal(market.symbol(), fourth);
        CommandResult again = answer(SignalTestClient.bot(BotVerb.GET_SIGNAL, account, market.symbol()));
        assertThat(again.outcome()).isEqualTo(Outcome.OPENED);
        assertThat(again.position().signalId()).isEqualTo(fourth.signalId());

        // Expiry: EXPIRUSD's entries may stay unfilled for 2 s; no tick comes, so the scheduler expires it.
        TickScript quiet = new TickScript("EXPIRUSD", kafka::tick);
        Signal unfilledSignal = quiet.firstSignal();
        awaitSignal(quiet.symbol(), unfilledSignal);
        CommandResult unfilled = answer(SignalTestClient.bot(BotVerb.GET_SIGNAL, account, quiet.symbol()));
        assertThat(unfilled.outcome()).isEqualTo(Outcome.OPENED);
        assertThat(awaitClosedSession(unfilled.position().id()).closeReason()).isEqualTo("EXPIRED");

        Signal afterExpiry = quiet.nextSignal();
        awaitSignal(quiet.symbol(), afterExpiry);
        CommandResult reopened = answer(SignalTestClient.bot(BotVerb.GET_SIGNAL, account, quiet.symbol()));
        assertThat(reopened.outcome()).isEqualTo(Outcome.OPENED);
        assertThat(reopened.position().signalId()).isEqualTo(afterExpiry.signalId());

        // The read model follows position-events, which may arrive after the command's answer: wait for it.
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(sessionsOf(account)).filteredOn(s -> "OPEN".equals(s.status()))
                .extracting(SignalSession::symbol).containsExactlyInAnyOrder("TPSLUSD", "EXPIRUSD"));
    }

    /** I10: kill -9 of signal-service in the middle of a run of commands, which keep arriving while it is down. */
    @Test
    void restartingSignalServiceMidRunLosesNoCommandAndOpensNoExtraPosition() {
        TickScript market = new TickScript("RESTARTUSD", kafka::tick);
        Signal signal = market.firstSignal();
        awaitSignal(market.symbol(), signal);
        String account = SignalTestClient.uniqueAccount("restart");
        BotVerb[] cycle = { BotVerb.GET_SIGNAL, BotVerb.STATUS, BotVerb.GET_SIGNAL, BotVerb.SESSIONS, BotVerb.GET_SIGNAL, BotVerb.CLOSE,
                BotVerb.GET_SIGNAL, BotVerb.STATUS };
        List<BotCommand> sent = new ArrayList<>();

        for (int i = 0; i < 40; i++) {
            sent.add(sendAsync(SignalTestClient.bot(cycle[i % cycle.length], account, market.symbol())));
        }
        kafka.flush();
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(5)).until(() -> !kafka.resultsForAccount(account).isEmpty());
        signalService.kill();
        int answeredAtKill = answeredCommands(account).size();
        for (int i = 40; i < 80; i++) {
            sent.add(sendAsync(SignalTestClient.bot(cycle[i % cycle.length], account, market.symbol())));
        }
        kafka.flush();
        signalService.start();

        await().atMost(Duration.ofSeconds(90)).until(() -> answeredCommands(account).containsAll(ids(sent)));

        // Nothing lost: every command was answered. Nothing doubled: position-service answered each forwarded
        // command once, even those signal-service forwarded again after its restart.
        for (BotCommand c : sent) {
            List<CommandResult> results = kafka.resultsFor(c.commandId());
            if (c.verb() == BotVerb.SESSIONS) {
                assertThat(results).as(c.commandId()).isNotEmpty().allSatisfy(r -> assertThat(r.outcome()).isEqualTo(Outcome.SESSIONS));
            } else {
                assertThat(results).as(c.commandId()).hasSize(1);
            }
        }
        List<CommandResult> answers = kafka.resultsForAccount(account);
        assertThat(answers).filteredOn(r -> r.outcome() == Outcome.OPENED).hasSize(1);
        long positionId = answers.stream().filter(r -> r.outcome() == Outcome.OPENED).findFirst().orElseThrow().position().id();
        assertThat(answers).filteredOn(r -> r.position() != null).allSatisfy(r -> assertThat(r.position().id()).isEqualTo(positionId));
        assertThat(positionIdsOf(account)).containsExactly(positionId);
        await().atMost(PATIENCE).until(() -> sessionsOf(account).size() == 1);
        assertThat(sessionsOf(account)).extracting(SignalSession::positionId).containsExactly(positionId);

        Map<String, Long> forwardedCopies = kafka.positionCommandsOf(account).stream()
                .collect(Collectors.groupingBy(PositionCommand::commandId, Collectors.counting()));
        long forwardedTwice = forwardedCopies.values().stream().filter(n -> n > 1).count();
        System.out.printf("SignalFlowIT: 80 commands, %d answered when signal-service was killed, %d forwarded again after the restart%n",
                answeredAtKill, forwardedTwice);
    }

    /** Opens the signal with /getsignal (a new position) and fills its entry with a tick at the signal's price. */
    private static long openAndFill(String account, TickScript market, Signal signal) {
        awaitSignal(market.symbol(), signal);
        CommandResult opened = answer(SignalTestClient.bot(BotVerb.GET_SIGNAL, account, market.symbol()));
        assertThat(opened.outcome()).as("a new /getsignal after the previous session closed").isEqualTo(Outcome.OPENED);
        assertThat(opened.position().signalId()).isEqualTo(signal.signalId());
        long id = opened.position().id();
        onThePaperBook("pt-" + id + "-e-1");
        market.tick(signal.entry());
        // ACTIVE: the entry filled and the stop loss and take profit orders are on the paper venue's book.
        await().atMost(PATIENCE).until(() -> kafka.eventsOfAccount(account).stream()
                .anyMatch(e -> e.positionId() == id && e.position().status() == PositionStatus.ACTIVE));
        return id;
    }

    /**
     * A price half a point past {@code level}, away from the entry: a tick there triggers the stop or take
     * profit at {@code level} whichever the side (the paper venue compares the bid for a BUY's exits, the ask,
     * bid + 0.02, for a SELL's).
     */
    private static BigDecimal beyond(Signal signal, BigDecimal level) {
        BigDecimal half = new BigDecimal("0.5");
        return level.compareTo(signal.entry()) > 0 ? level.add(half) : level.subtract(half);
    }

    /**
     * position-service sends an order after the transaction that decided it commits, and its answer may reach us
     * first: a tick sent before the order is on the paper venue's book would fill nothing. So the script's next
     * tick waits for the order to be there (read from the venue's own book, as a venue would be asked).
     */
    /**
     * #17's kill switch, end to end: after /pause every entry path that reaches position-service (a chat /getsignal on a
     * live signal, a chat /long, the command API, the alert webhook) is refused and opens nothing, while a /close of
     * a position opened before still works; /resume lets entries in again.
     */
    @Test
    void aPauseRefusesEntriesFromChatCommandApiAndWebhookWhileAClosePassesAndResumeLetsThemIn() {
        TickScript market = new TickScript("PAUSEUSD", kafka::tick);
        Signal signal = market.firstSignal();
        awaitSignal(market.symbol(), signal);
        String account = PAUSE_ACCOUNT;
        CommandResult held = answer(entry(BotVerb.LONG, account, "HOLDUSD", "1"));
        assertThat(held.outcome()).isEqualTo(Outcome.OPENED);

        CommandResult paused = answer(SignalTestClient.bot(BotVerb.PAUSE, account, null));
        assertThat(paused.outcome()).isEqualTo(Outcome.ENTRIES_PAUSED);

        CommandResult getSignal = answer(SignalTestClient.bot(BotVerb.GET_SIGNAL, account, market.symbol()));
        CommandResult manual = answer(entry(BotVerb.SHORT, account, market.symbol(), "2"));
        String apiKey = "pause-" + UUID.randomUUID();
        io.restassured.response.Response api202 = given().auth().oauth2(TestKeys.TRADER.value()).baseUri("http://localhost")
                .port(signalService.httpPort()).header("Idempotency-Key", apiKey).contentType("application/json")
                .body("{\"type\":\"open\",\"account\":\"" + account + "\",\"symbol\":\"PAUSEUSD\",\"side\":\"BUY\",\"quantity\":\"1\"}")
                .post("/commands");
        assertThat(api202.statusCode()).as(api202.asString()).isEqualTo(202);
        String alertId = "pause-" + UUID.randomUUID();
        io.restassured.response.Response alert202 = given().baseUri("http://localhost").port(signalService.httpPort())
                .contentType("application/json").body("""
                        {"secret":"%s","id":"%s","ticker":"BINANCE:PAUSEUSD.P","action":"buy","price":"100","time":"%s"}"""
                        .formatted(PAUSE_SECRET, alertId, java.time.Instant.now()))
                .post("/alerts/pausetv");
        assertThat(alert202.statusCode()).as(alert202.asString()).isEqualTo(202);
        List<CommandResult> refused = List.of(getSignal, manual, awaitResult(api202.jsonPath().getString("commandId")),
                awaitResult(alert202.jsonPath().getString("commandId")));
        assertThat(refused).allSatisfy(r -> {
            assertThat(r.outcome()).as(r.commandId()).isEqualTo(Outcome.REJECTED_PAUSED);
            assertThat(r.message()).contains("paused", "nothing was opened");
        });

        CommandResult close = answer(SignalTestClient.bot(BotVerb.CLOSE, account, "HOLDUSD"));
        assertThat(close.outcome()).as("exits are never paused").isIn(Outcome.CLOSING, Outcome.CANCELLING_ENTRY);

        assertThat(answer(SignalTestClient.bot(BotVerb.RESUME, account, null)).outcome()).isEqualTo(Outcome.ENTRIES_RESUMED);
        CommandResult after = answer(entry(BotVerb.LONG, account, market.symbol(), "1"));
        assertThat(after.outcome()).isEqualTo(Outcome.OPENED);
        assertThat(positionIdsOf(account)).containsExactlyInAnyOrder(held.position().id(), after.position().id());
    }

    /**
     * #17's Open button past the gateway: the presses of one chat are one command (the gateway derives the id from the
     * account, chat and signal, proven in its DeskTest), those of another chat another one; together they open exactly
     * one position of exactly the pushed signal. A signal id nobody issued opens nothing and says so.
     */
    @Test
    void theOpenButtonPressedInTwoChatsOpensExactlyOnePositionOfThePushedSignal() {
        TickScript market = new TickScript("DESKUSD", kafka::tick);
        Signal signal = market.firstSignal();
        awaitSignal(market.symbol(), signal);
        String account = SignalTestClient.uniqueAccount("desk");
        java.time.Instant pushedAt = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        BotCommand firstChat = open(account, "desk-open-chat1-" + UUID.randomUUID(), 4242L, signal.signalId(), market.symbol(), pushedAt);
        BotCommand secondChat = open(account, "desk-open-chat2-" + UUID.randomUUID(), 4343L, signal.signalId(), market.symbol(), pushedAt);
        for (BotCommand press : List.of(firstChat, firstChat, secondChat, firstChat, secondChat)) {
            kafka.sendAsync(press);
        }
        kafka.flush();

        CommandResult opened = awaitResult(firstChat);
        CommandResult other = awaitResult(secondChat);
        assertThat(opened.outcome()).isEqualTo(Outcome.OPENED);
        assertThat(opened.position().signalId()).isEqualTo(signal.signalId());
        assertThat(other.outcome()).isEqualTo(Outcome.DUPLICATE_OPEN_EXISTS);
        assertThat(other.position().id()).isEqualTo(opened.position().id());
        await().atMost(PATIENCE).until(() -> !positionIdsOf(account).isEmpty());
        assertThat(positionIdsOf(account)).containsExactly(opened.position().id());

        CommandResult forged = answer(open(account, "desk-open-forged-" + UUID.randomUUID(), 4242L, "no-such-signal",
                market.symbol(), pushedAt));
        assertThat(forged.outcome()).isEqualTo(Outcome.REJECTED_STATE);
        assertThat(forged.message()).contains("not known", "nothing was opened");
        assertThat(positionIdsOf(account)).containsExactly(opened.position().id());
    }

    private static BotCommand open(String account, String commandId, long chatId, String signalId, String symbol,
            java.time.Instant pushedAt) {
        return new BotCommand(commandId, BotVerb.OPEN_SIGNAL, account, symbol, null, null, chatId, 7L, pushedAt, null, null, null,
                signalId);
    }

    private static BotCommand entry(BotVerb verb, String account, String symbol, String quantity) {
        BotCommand c = SignalTestClient.bot(verb, account, symbol);
        return new BotCommand(c.commandId(), verb, account, symbol, null, null, c.chatId(), c.userId(), c.issuedAt(), null, null,
                new java.math.BigDecimal(quantity));
    }

    private static CommandResult awaitResult(String commandId) {
        fast().until(() -> !kafka.resultsFor(commandId).isEmpty());
        return kafka.resultsFor(commandId).get(0);
    }

    private static void onThePaperBook(String clientOrderId) {
        var db = infra.postgres().database("position");
        await().atMost(PATIENCE).until(() -> {
            try (java.sql.Connection c = java.sql.DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                    java.sql.PreparedStatement s = c.prepareStatement("SELECT count(*) FROM paper.orders WHERE client_order_id = ?")) {
                s.setString(1, clientOrderId);
                java.sql.ResultSet rs = s.executeQuery();
                rs.next();
                return rs.getLong(1) == 1;
            }
        });
    }

    private static SignalSession awaitClosedSession(long positionId) {
        await().atMost(PATIENCE).until(() -> api.session(positionId).map(r -> "CLOSED".equals(r.jsonPath().getString("status"))).orElse(false));
        return SignalTestClient.read(api.session(positionId).orElseThrow().asString(), SignalSession.class);
    }

    private static void awaitSignal(String symbol, Signal signal) {
        fast().until(() -> api.latestSignalId(symbol).equals(Optional.of(signal.signalId())));
    }

    private static CommandResult answer(BotCommand c) {
        kafka.send(c);
        return awaitResult(c);
    }

    private static CommandResult awaitResult(BotCommand c) {
        fast().until(() -> !kafka.resultsFor(c.commandId()).isEmpty());
        return kafka.resultsFor(c.commandId()).get(0);
    }

    private static BotCommand sendAsync(BotCommand c) {
        kafka.sendAsync(c);
        return c;
    }

    private static Set<String> answeredCommands(String account) {
        return kafka.resultsForAccount(account).stream().map(CommandResult::commandId).collect(Collectors.toSet());
    }

    private static List<String> ids(List<BotCommand> commands) {
        return commands.stream().map(BotCommand::commandId).toList();
    }

    private static Set<Long> positionIdsOf(String account) {
        return kafka.eventsOfAccount(account).stream().map(PositionEvent::positionId).collect(Collectors.toSet());
    }

    private static List<SignalSession> sessionsOf(String account) {
        return List.of(SignalTestClient.read(api.request().queryParam("account", account).get("/sessions").asString(), SignalSession[].class));
    }

    private static ConditionFactory fast() {
        return await().atMost(PATIENCE).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20));
    }

    private static Map<String, String> signalServiceConfig() {
        Map<String, String> config = new LinkedHashMap<>(infra.quarkusConfig("signal"));
        config.putAll(TestKeys.config());
        config.put("positrack.signal.symbols", "RAPIDUSD,PAIRUSD,TPSLUSD,EXPIRUSD,RESTARTUSD,PAUSEUSD,HOLDUSD,DESKUSD");
        // The alert webhook of the pause test: its alerts open for PAUSE_ACCOUNT.
        config.put("positrack.signal.intake.pausetv.secret", PAUSE_SECRET);
        config.put("positrack.signal.intake.pausetv.account", PAUSE_ACCOUNT);
        config.put("positrack.signal.intake.pausetv.quantity", "1");
        config.put("positrack.signal.intake.pausetv.symbols.\"BINANCE:PAUSEUSD.P\"", "PAUSEUSD");
        // TickScript's ticks are an hour old: staleness (its own tests are LiveFeedTest) would refuse every entry.
        config.put("positrack.signal.staleness.enabled", "false");
        // The strategy of TickScript: short periods over one-second bars.
        config.put("positrack.signal.instrument-defaults.bar-duration", "1s");
        config.put("positrack.signal.instrument-defaults.fast-ema", "3");
        config.put("positrack.signal.instrument-defaults.slow-ema", "6");
        config.put("positrack.signal.instrument-defaults.rsi-period", "6");
        config.put("positrack.signal.instrument-defaults.atr-period", "4");
        config.put("positrack.signal.instrument-defaults.rsi-buy-max", "80");
        config.put("positrack.signal.instrument-defaults.rsi-sell-min", "20");
        config.put("positrack.signal.instrument-defaults.stop-loss-atr", "1");
        config.put("positrack.signal.instrument-defaults.take-profit-atr", "2");
        config.put("positrack.signal.instrument-defaults.signal-validity", "1h");
        config.put("positrack.signal.instruments.EXPIRUSD.entry-timeout", "2s");
        config.put("positrack.signal.sessions.expiry-check-interval", "250ms");
        return config;
    }

    private static Path jar(String property, String fallback) {
        return Path.of(System.getProperty(property, fallback));
    }
}
