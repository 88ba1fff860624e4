package io.positrack.gateway.notify;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.positrack.contracts.Topics;
import io.positrack.contracts.market.MarketTick;
import io.positrack.gateway.rules.RecordRules;
import io.positrack.runtime.consumer.ConsumerPipeline;
import io.positrack.runtime.consumer.Verdict;
import io.positrack.runtime.rules.OutsideClock;
import io.positrack.runtime.rules.TickRules;
import io.positrack.runtime.wire.WireReader;
import io.smallrye.mutiny.Uni;

/**
 * The last price of each symbol, from {@code market-ticks}, for the unrealized PnL in replies. A disposable
 * cache: never the truth about anything, empty after a restart until the next tick, ignored when stale. A tick
 * that breaks the market-ticks rules (or has no venue time) is dead-lettered by the pipeline like any other bad record, so what
 * reaches the cache is a positive price that fits the columns.
 */
@ApplicationScoped
public class MarketPrices {

    private static final Duration STALE_AFTER = Duration.ofMinutes(5);
    /** More symbols than any market we serve: a flood of made-up ones only pushes out the symbols ticked least recently. */
    static final int MAX_SYMBOLS = 10_000;

    private final WireReader<MarketTick> ticks;
    private final ConsumerPipeline pipeline;
    private final LastPrices last = new LastPrices(MAX_SYMBOLS, STALE_AFTER);

    public MarketPrices(ConsumerPipeline pipeline, RecordRules rules, OutsideClock clock) {
        this.ticks = rules.ticks(clock);
        this.pipeline = pipeline;
    }

    @Incoming(Topics.MARKET_TICKS)
    public Uni<Void> onTick(ConsumerRecord<String, byte[]> record) {
        return pipeline.consume(record, ticks, (tick, r) -> Uni.createFrom().item(remember(tick)));
    }

    private Verdict remember(MarketTick tick) {
        last.remember(tick.symbol(), TickRules.price(tick), Instant.now());
        return Verdict.applied();
    }

    public Optional<BigDecimal> lastPrice(String symbol) {
        return last.at(symbol, Instant.now());
    }
}
