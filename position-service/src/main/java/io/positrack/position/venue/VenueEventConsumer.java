package io.positrack.position.venue;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.positrack.contracts.Topics;
import io.positrack.contracts.venue.ClientOrderId;
import io.positrack.contracts.venue.OrderUpdate;
import io.positrack.position.deadletter.DeadLetterPublisher;
import io.positrack.position.support.TransientFailures;
import io.smallrye.mutiny.Uni;

/** The {@code venue-events} consumer: order updates for orders Positrack placed. */
@ApplicationScoped
public class VenueEventConsumer {

    private final OrderUpdateHandler handler;
    private final ObjectMapper json;
    private final DeadLetterPublisher deadLetters;

    public VenueEventConsumer(OrderUpdateHandler handler, ObjectMapper json, DeadLetterPublisher deadLetters) {
        this.handler = handler;
        this.json = json;
        this.deadLetters = deadLetters;
    }

    @Incoming(Topics.VENUE_EVENTS)
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        OrderUpdate update;
        try {
            update = json.readValue(record.value(), OrderUpdate.class);
        } catch (Exception e) {
            return deadLetters.send(record, "malformed order update: " + e.getMessage());
        }
        if (update.status() == null || update.symbol() == null) {
            return deadLetters.send(record, "order update needs status and symbol");
        }
        var orderId = ClientOrderId.parse(update.clientOrderId());
        if (orderId.isEmpty()) {
            return deadLetters.send(record, "client order id '" + update.clientOrderId() + "' is not one of Positrack's");
        }
        if (update.status() == io.positrack.contracts.venue.OrderStatus.FILLED
                && (update.filledQuantity() == null || update.filledQuantity().signum() <= 0 || update.averagePrice() == null
                        || update.averagePrice().signum() <= 0)) {
            return deadLetters.send(record, "fill needs positive filledQuantity and averagePrice");
        }
        return handler.apply(update, orderId.get())
                .onFailure(TransientFailures::isTransient).retry().withBackOff(Duration.ofMillis(100), Duration.ofSeconds(5))
                .indefinitely()
                .onFailure().recoverWithUni(e -> deadLetters.send(record, "processing failed: " + e));
    }
}
