package io.positrack.gateway.notify;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.positrack.contracts.Topics;
import io.positrack.contracts.market.MarketTick;

/**
 * The last price of each symbol, from {@code market-ticks}, for the unrealized PnL in replies. A disposable
 * cache: never the truth about anything, empty after a restart until the next tick, ignored when stale.
 */
@ApplicationScoped
public class MarketPrices {

    private static final Duration STALE_AFTER = Duration.ofMinutes(5);

    private final ObjectMapper json;
    private final Map<String, Price> last = new ConcurrentHashMap<>();

    public MarketPrices(ObjectMapper json) {
        this.json = json;
    }

    @Incoming(Topics.MARKET_TICKS)
    public void onTick(ConsumerRecord<String, String> record) {
        try {
            MarketTick tick = json.readValue(record.value(), MarketTick.class);
            BigDecimal price = tick.last() != null ? tick.last()
                    : tick.bid() != null && tick.ask() != null ? tick.bid().add(tick.ask()).divide(BigDecimal.valueOf(2)) : null;
            if (tick.symbol() != null && price != null && price.signum() > 0) {
                last.put(tick.symbol(), new Price(price, Instant.now()));
            }
        } catch (Exception e) {
            // position-service dead-letters bad ticks; a price cache just skips them.
        }
    }

    public Optional<BigDecimal> lastPrice(String symbol) {
        Price price = symbol == null ? null : last.get(symbol);
        if (price == null || price.at().isBefore(Instant.now().minus(STALE_AFTER))) {
            return Optional.empty();
        }
        return Optional.of(price.value());
    }

    private record Price(BigDecimal value, Instant at) {
    }
}
