package io.positrack.local.demo;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.positrack.infra.telegram.SentMessage;
import io.positrack.local.ChatView;
import io.positrack.local.LocalSystem;

/**
 * The scripted demo: a whole conversation through the Telegram stand-in against the running system, with
 * the market driven by a crafted tick series so that every run sees the same signals.
 *
 * <ol>
 * <li>{@code /start} subscribes the chat to notifications;</li>
 * <li>the market makes a BUY signal; {@code /getsignal} opens a position (the time to the first answer is measured);</li>
 * <li>a tick at the entry fills it; a tick past the take profit closes it: the closed notification, then
 * {@code /sessions} shows the session closed by TAKE_PROFIT;</li>
 * <li>the market zig-zags to a second signal; the gateway pushes it to the chat with Open / Ignore buttons, the
 * Open button opens it (gateway → signal-service → position-service), {@code /status} shows it and {@code /close}
 * closes it.</li>
 * </ol>
 * Each step waits for what the person would see in the chat; a step that does not happen in time fails the demo.
 */
public final class DemoScenario {

    private static final Duration STEP = Duration.ofSeconds(45);
    private static final BigDecimal GOLD_LEVEL = new BigDecimal("2300");
    private static final Pattern POSITION_ID = Pattern.compile("#(\\d+)");
    private static final String OPEN_BUTTON = "\u2705 Open";

    private final LocalSystem system;
    private final PrintStream out;
    private final ChatView chat;
    private final SignalServiceApi signals;
    private final String symbol;

    public DemoScenario(LocalSystem system, PrintStream out) {
        this.system = system;
        this.out = out;
        this.chat = new ChatView(system.standIn().orElseThrow(() -> new IllegalStateException("the demo needs the stand-in")),
                LocalSystem.CONSOLE_CHAT_ID, out);
        this.symbol = system.options().venue().symbol();
        this.signals = new SignalServiceApi(system.signalService().baseUrl(), system.signalService().managementUrl(),
                system.operatorKey().value());
    }

    /** A step of the demo that did not happen. */
    public static final class Failed extends RuntimeException {
        Failed(String message) {
            super(message);
        }
    }

    /** Plays the scenario; throws {@link Failed} at the first step that does not happen in time. */
    public void run() {
        out.println();
        out.println("== Demo conversation (chat " + LocalSystem.CONSOLE_CHAT_ID + ", account " + system.options().account() + ", venue "
                + system.options().venue().option() + ", " + symbol + ")");
        Quotes quotes = system.binanceStandIn().<Quotes>map(BinanceStandInQuotes::new)
                .orElseGet(() -> new KafkaQuotes(system.infra().kafka().bootstrapServers()));
        try (MarketScript market = new MarketScript(quotes, symbol, GOLD_LEVEL)) {
            int mark = chat.say("/start");
            expect(mark, any(), "a welcome");

            market.vShape();
            SignalServiceApi.SignalView first = awaitNewSignal(market, null);
            note("the market made a signal: " + first);

            Instant asked = Instant.now();
            mark = chat.say("/getsignal " + symbol);
            long firstAnswerMillis = Duration.between(asked, expect(mark, any(), "an answer to /getsignal").sentAt()).toMillis();
            SentMessage opened = expect(mark, containsAll("New signal", symbol), "the new position");
            long positionId = positionId(opened);
            note("first answer to /getsignal after " + firstAnswerMillis + " ms");

            fill(market, mark, first, positionId);

            mark = chat.messages().size();
            market.tick(beyond(first, first.takeProfit()));
            note("price moves to " + market.lastPrice().toPlainString() + ", past the take profit");
            // A Binance fill pays the venue's commission: the closed notification then gives the net PnL and the fees.
            String[] closed = system.options().venue().isBinance()
                    ? new String[] { "#" + positionId + " closed", "TAKE_PROFIT", "net PnL", "fees" }
                    : new String[] { "#" + positionId + " closed", "TAKE_PROFIT" };
            expect(mark, containsAll(closed), "the closed notification");
            await(() -> signals.closedSessionReason(system.options().account(), positionId).filter("TAKE_PROFIT"::equals),
                    "signal-service's session of position #" + positionId + " closed");
            mark = chat.say("/sessions");
            expect(mark, containsAll("Signal sessions", "TAKE_PROFIT"), "the session closed by take profit");

            mark = chat.messages().size();
            SignalServiceApi.SignalView second = awaitNextSignal(market, first.signalId());
            note("the market made a second signal: " + second);
            // signal-service announces it on `signals`; the gateway pushes it to the subscribed chat with Open / Ignore.
            SentMessage offer = expect(mark, containsAll("Signal offered", symbol, "Entry: " + second.entry().toPlainString()),
                    "the pushed offer of the second signal");
            mark = chat.press(offer, OPEN_BUTTON);
            SentMessage reopened = expect(mark, containsAll("New signal", symbol), "a second position, opened by the button");
            long secondId = positionId(reopened);
            if (secondId == positionId) {
                throw new Failed("the second /getsignal answered with the first position #" + positionId);
            }
            mark = chat.say("/status " + symbol);
            // The status reply starts with 📊; the notifications about the position do not.
            expect(mark, containsAll("\uD83D\uDCCA", "#" + secondId), "the status of position #" + secondId);
            fill(market, mark, second, secondId);
            mark = chat.say("/close " + symbol);
            SentMessage question = expect(mark, containsAll("Confirm within"), "the question confirming the close");
            mark = chat.press(question, "Confirm close");
            expect(mark, containsAll("Closing position #" + secondId), "the close being confirmed");
            market.tick(market.lastPrice());
            expect(mark, containsAll("#" + secondId + " closed", "COMMAND"), "the closed notification");
            chat.printNew();
            out.println();
            out.println("== Demo passed: /getsignal first answer " + firstAnswerMillis + " ms");
        }
    }

    /** A tick at the signal's entry fills the paper venue's entry order; repeated in case the order was not on the book yet. */
    private void fill(MarketScript market, int mark, SignalServiceApi.SignalView signal, long positionId) {
        for (int attempt = 0; attempt < 5; attempt++) {
            market.tick(signal.entry());
            if (attempt == 0) {
                note("price trades at the entry " + signal.entry().toPlainString());
            }
            if (chat.await(mark, containsAll("#" + positionId + " is active"), Duration.ofSeconds(5)).isPresent()) {
                return;
            }
        }
        throw new Failed("position #" + positionId + " never became active");
    }

    private SignalServiceApi.SignalView awaitNewSignal(MarketScript market, String previous) {
        await(() -> signals.ticksConsumed() >= market.sent() ? Optional.of(true) : Optional.empty(), "signal-service consuming the ticks");
        return await(() -> signals.latestSignal(symbol).filter(s -> s.current() && !s.signalId().equals(previous)), "a signal");
    }

    /**
     * Zig-zags one bar at a time until signal-service shows a new current signal. After each tick, waits until
     * signal-service has consumed it: bar k is stored once tick k + 1 is applied, so a new signal is seen at most
     * one bar late.
     */
    private SignalServiceApi.SignalView awaitNextSignal(MarketScript market, String previous) {
        for (int i = 0; i < 80; i++) {
            market.zigZagStep();
            await(() -> signals.ticksConsumed() >= market.sent() ? Optional.of(true) : Optional.empty(), "signal-service consuming the ticks");
            Optional<SignalServiceApi.SignalView> latest = signals.latestSignal(symbol).filter(s -> s.current() && !s.signalId().equals(previous));
            if (latest.isPresent()) {
                return latest.get();
            }
        }
        throw new Failed("no second signal after 80 bars");
    }

    private SentMessage expect(int after, Predicate<String> matches, String what) {
        return chat.await(after, matches, STEP).orElseThrow(() -> new Failed("no " + what + " in the chat within " + STEP.toSeconds() + " s"));
    }

    private <T> T await(Supplier<Optional<T>> condition, String what) {
        Instant deadline = Instant.now().plus(STEP);
        while (Instant.now().isBefore(deadline)) {
            Optional<T> value = condition.get();
            if (value.isPresent()) {
                return value.get();
            }
            chat.printNew();
            pause();
        }
        throw new Failed("no " + what + " within " + STEP.toSeconds() + " s");
    }

    private void note(String text) {
        chat.printNew();
        out.println("   (" + text + ")");
    }

    private static long positionId(SentMessage message) {
        Matcher m = POSITION_ID.matcher(message.plainText());
        if (!m.find()) {
            throw new Failed("no position id in: " + message.plainText());
        }
        return Long.parseLong(m.group(1));
    }

    /** Half a point past a stop, away from the entry: triggers it whichever the side. */
    private static BigDecimal beyond(SignalServiceApi.SignalView signal, BigDecimal level) {
        BigDecimal half = new BigDecimal("0.5");
        return level.compareTo(signal.entry()) > 0 ? level.add(half) : level.subtract(half);
    }

    private static Predicate<String> any() {
        return text -> true;
    }

    private static Predicate<String> containsAll(String... parts) {
        return text -> {
            for (String part : parts) {
                if (!text.contains(part)) {
                    return false;
                }
            }
            return true;
        };
    }

    /** Polling another process's HTTP API: there is nothing to wait on but time. */
    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failed("interrupted");
        }
    }
}
