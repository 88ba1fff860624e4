package io.positrack.signal.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.positrack.contracts.Topics;
import io.positrack.contracts.bot.BotCommand;
import io.positrack.contracts.bot.BotVerb;
import io.positrack.contracts.position.CommandResult;
import io.positrack.contracts.position.Outcome;
import io.positrack.contracts.position.PositionEvent;
import io.positrack.contracts.position.Side;
import io.positrack.contracts.signal.SignalSession;
import io.positrack.infra.quarkus.PositrackTestInfrastructure;
import io.positrack.signal.testing.PositionStory;
import io.positrack.signal.testing.ServiceApi;
import io.positrack.signal.testing.SignalTestClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * I8 on the read model: a session opens with its signal's position and closes when the position ends,
 * whatever ended it; redelivered events change nothing; at most one open session per symbol. Events are
 * published here as position-service publishes them.
 */
@QuarkusTest
@WithTestResource(value = PositrackTestInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "signal"))
class SessionReadModelTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final SignalTestClient kafka = SignalTestClient.get();
    private final ServiceApi api = ServiceApi.inProcess();

    @Test
    void aSignalsPositionOpensASessionAndItsTakeProfitClosesIt() {
        String account = SignalTestClient.uniqueAccount("tp");
        PositionStory p = PositionStory.of(PositionStory.newPositionId(), account, "SESSUSD", Side.BUY, "sig-tp-" + account);
        kafka.event(p.opened());
        SignalSession open = awaitSession(p.id(), "OPEN");
        assertThat(open.signalId()).isEqualTo("sig-tp-" + account);
        assertThat(open.side()).isEqualTo(Side.BUY);
        assertThat(open.stopLoss()).isEqualByComparingTo("95");
        assertThat(open.takeProfit()).isEqualByComparingTo("110");

        kafka.event(p.entryPlaced());
        kafka.event(p.entryFilled("100"));
        kafka.event(p.activated());
        kafka.event(p.closed("110", "TAKE_PROFIT", "20"));

        SignalSession closed = awaitSession(p.id(), "CLOSED");
        assertThat(closed.closeReason()).isEqualTo("TAKE_PROFIT");
        assertThat(closed.realizedPnl()).isEqualByComparingTo("20");
        assertThat(closed.entry()).isEqualByComparingTo("100");
        assertThat(closed.closedAt()).isNotNull();
    }

    @Test
    void aClosedSessionsPnlIsNetOfTheFeesTheVenueCharged() {
        // The close notification says "net PnL +0.0003 (fees 0.0019)": /sessions must not say +0.0022 beside it.
        String account = SignalTestClient.uniqueAccount("fees");
        PositionStory p = PositionStory.of(PositionStory.newPositionId(), account, "SESSUSD", Side.BUY, "sig-fees-" + account);
        kafka.event(p.opened());
        awaitSession(p.id(), "OPEN");
        kafka.event(p.entryPlaced());
        kafka.event(p.entryFilled("100"));
        kafka.event(p.activated());
        kafka.event(p.closedPayingFees("110", "TAKE_PROFIT", "20", "0.84"));

        SignalSession closed = awaitSession(p.id(), "CLOSED");
        assertThat(closed.realizedPnl()).isEqualByComparingTo("19.16");
    }

    @Test
    void aPositionRolledBackBeforeItsEntryFilledClosesTheSessionWithTheReason() {
        String account = SignalTestClient.uniqueAccount("rolledback");
        PositionStory p = PositionStory.of(PositionStory.newPositionId(), account, "SESSUSD", Side.SELL, "sig-rb-" + account);
        kafka.event(p.opened());
        kafka.event(p.rolledBack("EXPIRED"));

        SignalSession closed = awaitSession(p.id(), "CLOSED");
        assertThat(closed.closeReason()).isEqualTo("EXPIRED");
        assertThat(closed.realizedPnl()).isNull();
    }

    @Test
    void redeliveredAndOutOfDateEventsChangeNothing() {
        String account = SignalTestClient.uniqueAccount("redelivery");
        PositionStory p = PositionStory.of(PositionStory.newPositionId(), account, "SESSUSD", Side.BUY, "sig-re-" + account);
        kafka.event(p.opened());
        kafka.event(p.entryPlaced());
        kafka.event(p.rolledBack("CANCELLED_BY_COMMAND"));
        awaitSession(p.id(), "CLOSED");

        // The relay republishes after a crash: every version again. Then a new position of the same symbol, whose
        // session can only appear once the copies before it (same partition) have been read.
        for (PositionEvent again : p.told()) {
            kafka.event(again);
        }
        PositionStory next = PositionStory.of(PositionStory.newPositionId(), account, "SESSUSD", Side.BUY, "sig-re2-" + account);
        kafka.event(next.opened());
        awaitSession(next.id(), "OPEN");

        SignalSession first = awaitSession(p.id(), "CLOSED");
        assertThat(first.closeReason()).isEqualTo("CANCELLED_BY_COMMAND");
        assertThat(sessionsOf(account)).extracting(SignalSession::positionId).containsExactly(next.id(), p.id());
    }

    @Test
    void aPositionWithoutASignalHasNoSession() {
        String account = SignalTestClient.uniqueAccount("nosignal");
        PositionStory manual = PositionStory.of(PositionStory.newPositionId(), account, "SESSUSD", Side.BUY, null);
        PositionStory signalled = PositionStory.of(PositionStory.newPositionId(), account, "TICKUSD", Side.BUY, "sig-ns-" + account);
        kafka.event(manual.opened());
        kafka.event(signalled.opened());

        awaitSession(signalled.id(), "OPEN");
        assertThat(api.session(manual.id())).isEmpty();
        assertThat(sessionsOf(account)).extracting(SignalSession::positionId).containsExactly(signalled.id());
    }

    @Test
    void aSecondOpenSessionForTheSameSymbolIsRefusedAndDeadLettered() {
        String account = SignalTestClient.uniqueAccount("twoopen");
        PositionStory first = PositionStory.of(PositionStory.newPositionId(), account, "SESSUSD", Side.BUY, "sig-a-" + account);
        PositionStory second = PositionStory.of(PositionStory.newPositionId(), account, "SESSUSD", Side.BUY, "sig-b-" + account);
        kafka.event(first.opened());
        awaitSession(first.id(), "OPEN");

        // position-service never publishes this (its own unique index forbids it); if a stream ever did, the
        // read model would not show two open sessions for one symbol.
        PositionEvent impossible = second.opened();
        kafka.event(impossible);

        await().atMost(PATIENCE).until(() -> !kafka.eventDeadLetters.containing(impossible.eventId()).isEmpty());
        assertThat(SignalTestClient.header(kafka.eventDeadLetters.containing(impossible.eventId()).get(0), "dead-letter-reason"))
                .contains("sessions_one_open_per_symbol");
        assertThat(api.session(second.id())).isEmpty();
        assertThat(sessionsOf(account)).extracting(SignalSession::positionId).containsExactly(first.id());
    }

    @Test
    void aMalformedEventIsDeadLetteredAndTheConsumerGoesOn() {
        kafka.sendRaw(Topics.POSITION_EVENTS, "SESSUSD", "{\"eventId\": \"broken-event\", \"positionId\": \"x\"}");
        String account = SignalTestClient.uniqueAccount("afterbroken");
        PositionStory p = PositionStory.of(PositionStory.newPositionId(), account, "SESSUSD", Side.BUY, "sig-ab-" + account);
        kafka.event(p.opened());

        awaitSession(p.id(), "OPEN");
        await().atMost(PATIENCE).until(() -> !kafka.eventDeadLetters.containing("broken-event").isEmpty());
        assertThat(SignalTestClient.header(kafka.eventDeadLetters.containing("broken-event").get(0), "dead-letter-reason"))
                .startsWith("malformed PositionEvent: field 'positionId': ");
    }

    @Test
    void theSessionsCommandIsAnsweredBySignalServiceWithTheAccountsSessions() {
        String account = SignalTestClient.uniqueAccount("sessions");
        PositionStory p = PositionStory.of(PositionStory.newPositionId(), account, "SESSUSD", Side.SELL, "sig-s-" + account);
        kafka.event(p.opened());
        awaitSession(p.id(), "OPEN");

        BotCommand c = SignalTestClient.bot(BotVerb.SESSIONS, account, null);
        kafka.send(c);

        await().atMost(PATIENCE).until(() -> !kafka.resultsFor(c.commandId()).isEmpty());
        CommandResult answer = kafka.resultsFor(c.commandId()).get(0);
        assertThat(answer.outcome()).isEqualTo(Outcome.SESSIONS);
        assertThat(answer.chatId()).isEqualTo(c.chatId());
        assertThat(answer.sessions()).extracting(SignalSession::positionId).containsExactly(p.id());
        assertThat(kafka.results.containing(c.commandId()).get(0).key()).isEqualTo(account);
        assertThat(SignalTestClient.header(kafka.results.containing(c.commandId()).get(0), "ce_id")).isEqualTo("result-" + c.commandId());
        assertThat(kafka.positionCommandRecord(c.commandId())).isEmpty();
    }

    @Test
    void statisticsGiveWinRateAndAverageRPerSymbol() {
        String account = SignalTestClient.uniqueAccount("stats");
        // BUY at 100 with the stop at 95 and quantity 2 risks 10: +20 is +2R, -10 is -1R.
        PositionStory win = PositionStory.of(PositionStory.newPositionId(), account, "SESSUSD", Side.BUY, "sig-w-" + account);
        PositionStory loss = PositionStory.of(PositionStory.newPositionId(), account, "SESSUSD", Side.BUY, "sig-l-" + account);
        PositionStory unfilled = PositionStory.of(PositionStory.newPositionId(), account, "SESSUSD", Side.BUY, "sig-u-" + account);
        PositionStory stillOpen = PositionStory.of(PositionStory.newPositionId(), account, "SESSUSD", Side.BUY, "sig-o-" + account);
        kafka.event(win.opened());
        kafka.event(win.entryFilled("100"));
        kafka.event(win.closed("110", "TAKE_PROFIT", "20"));
        kafka.event(loss.opened());
        kafka.event(loss.entryFilled("100"));
        kafka.event(loss.closed("95", "STOP_LOSS", "-10"));
        kafka.event(unfilled.opened());
        kafka.event(unfilled.rolledBack("EXPIRED"));
        kafka.event(stillOpen.opened());
        awaitSession(stillOpen.id(), "OPEN");

        api.request().queryParam("account", account).get("/sessions/statistics").then().statusCode(200)
                .body("size()", equalTo(1))
                .body("[0].symbol", equalTo("SESSUSD"))
                .body("[0].sessions", equalTo(4))
                .body("[0].open", equalTo(1))
                .body("[0].closed", equalTo(3))
                .body("[0].trades", equalTo(2))
                .body("[0].wins", equalTo(1))
                .body("[0].losses", equalTo(1))
                .body("[0].winRate", equalTo("0.5000"))
                .body("[0].averageR", equalTo("0.5000"))
                .body("[0].realizedPnl", equalTo("10"));
    }

    @Test
    void theRestApiAnswers400And404AsDocumented() {
        api.request().get("/sessions?status=HALF_OPEN").then().statusCode(400).body("error", containsString("OPEN or CLOSED"));
        api.request().get("/sessions?limit=0").then().statusCode(400);
        api.request().get("/sessions?limit=many").then().statusCode(400);
        api.request().get("/sessions/abc").then().statusCode(400);
        api.request().get("/sessions/0").then().statusCode(400);
        api.request().get("/sessions/987654321987").then().statusCode(404).body("error", containsString("#987654321987"));
        api.request().get("/signals/not a symbol").then().statusCode(400);
        api.request().get("/signals/NOSIGNALUSD").then().statusCode(404);
    }

    @Test
    void openedAndClosedSessionsAreCounted() {
        String account = SignalTestClient.uniqueAccount("metrics");
        PositionStory p = PositionStory.of(PositionStory.newPositionId(), account, "SESSUSD", Side.BUY, "sig-m-" + account);
        kafka.event(p.opened());
        kafka.event(p.rolledBack("EXPIRED"));
        awaitSession(p.id(), "CLOSED");

        api.request().get(api.management("/q/metrics")).then().statusCode(200)
                .body(containsString("positrack_signal_sessions_opened_total"))
                .body(containsString("positrack_signal_sessions_closed_total{reason=\"EXPIRED\"}"));
    }

    private SignalSession awaitSession(long positionId, String status) {
        await().atMost(PATIENCE).until(() -> api.session(positionId).map(r -> status.equals(r.jsonPath().getString("status"))).orElse(false));
        Response r = api.session(positionId).orElseThrow();
        return SignalTestClient.read(r.asString(), SignalSession.class);
    }

    private List<SignalSession> sessionsOf(String account) {
        return List.of(SignalTestClient.read(api.request().queryParam("account", account).get("/sessions").asString(), SignalSession[].class));
    }
}
