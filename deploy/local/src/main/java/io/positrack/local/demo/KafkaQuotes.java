package io.positrack.local.demo;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.positrack.contracts.Topics;

/**
 * The paper run's market: ticks on {@code market-ticks} (keyed by symbol, as every feed does), read by
 * signal-service (bars, signals) and by position-service's paper venue (fills, stops).
 */
final class KafkaQuotes implements Quotes {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaProducer<String, String> producer;

    KafkaQuotes(String bootstrapServers) {
        this.producer = io.positrack.infra.StringProducers.create(bootstrapServers);
    }

    @Override
    public void quote(String symbol, BigDecimal bid, BigDecimal ask, Instant time) {
        ObjectNode tick = JSON.createObjectNode();
        tick.put("symbol", symbol);
        tick.put("bid", bid.toPlainString());
        tick.put("ask", ask.toPlainString());
        tick.put("last", bid.toPlainString());
        tick.put("venueTime", time.toString());
        try {
            producer.send(new ProducerRecord<>(Topics.MARKET_TICKS, symbol, JSON.writeValueAsString(tick))).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException | TimeoutException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("could not publish a tick", e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
