package io.positrack.local.demo;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.positrack.contracts.Topics;

/**
 * The demo's market: one symbol's ticks published to {@code market-ticks} (keyed by symbol, as every feed
 * does), one tick per one-second bar, with bar times starting some minutes in the past so that a whole
 * series can be sent at once. Both signal-service (bars, signals) and position-service's paper venue
 * (fills, stops) read them.
 */
final class MarketScript implements AutoCloseable {

    static final BigDecimal SPREAD = new BigDecimal("0.02");
    /** A flat market, a fall and a recovery: with the demo's strategy parameters, a fresh symbol's first signal is a BUY. */
    private static final double[] V_SHAPE = { 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 99, 98, 97, 96, 96.5, 97.5, 98.5, 99.5 };
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String symbol;
    private final BigDecimal offset;
    private final KafkaProducer<String, String> producer;
    private Instant next;
    private BigDecimal last;
    private int sent;
    private int direction = 1;
    private int leg;

    /** @param offset added to every price of the script (indicators are the same for a shifted series) */
    MarketScript(String bootstrapServers, String symbol, BigDecimal offset) {
        this.symbol = symbol;
        this.offset = offset;
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        this.producer = new KafkaProducer<>(p);
        this.next = Instant.now().minus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.SECONDS);
    }

    /** The flat-fall-recovery series; its last tick completes the bar that gives the first signal. */
    void vShape() {
        for (double close : V_SHAPE) {
            tick(offset.add(BigDecimal.valueOf(close)));
        }
    }

    /** The next step of a zig-zag from the last price (three bars each way, steps of 1). */
    void zigZagStep() {
        if (leg++ % 3 == 0) {
            direction = -direction;
        }
        tick(last.add(BigDecimal.valueOf(direction)));
    }

    /** Publishes one tick (bid = price, ask = price + spread) as the next bar and waits for the broker's acknowledgement. */
    void tick(BigDecimal price) {
        ObjectNode tick = JSON.createObjectNode();
        tick.put("symbol", symbol);
        tick.put("bid", price.toPlainString());
        tick.put("ask", price.add(SPREAD).toPlainString());
        tick.put("last", price.toPlainString());
        tick.put("venueTime", next.toString());
        try {
            producer.send(new ProducerRecord<>(Topics.MARKET_TICKS, symbol, JSON.writeValueAsString(tick))).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException | TimeoutException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("could not publish a tick", e);
        }
        next = next.plusSeconds(1);
        last = price;
        sent++;
    }

    BigDecimal lastPrice() {
        return last;
    }

    /** Ticks published so far. */
    int sent() {
        return sent;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
