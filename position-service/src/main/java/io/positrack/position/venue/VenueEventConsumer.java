package io.positrack.position.venue;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.positrack.contracts.Topics;
import io.positrack.contracts.venue.ClientOrderId;
import io.positrack.contracts.venue.OrderStatus;
import io.positrack.contracts.venue.OrderUpdate;
import io.positrack.contracts.venue.VenuePositionReport;
import io.positrack.position.deadletter.DeadLetterPublisher;
import io.positrack.position.reconciliation.PositionReportHandler;
import io.positrack.position.support.TransientFailures;
import io.smallrye.mutiny.Uni;

/** The {@code venue-events} consumer: order updates for orders Positrack placed, and position reports. */
@ApplicationScoped
public class VenueEventConsumer {

    private final OrderUpdateHandler handler;
    private final PositionReportHandler reports;
    private final ObjectMapper json;
    private final DeadLetterPublisher deadLetters;

    public VenueEventConsumer(OrderUpdateHandler handler, PositionReportHandler reports, ObjectMapper json,
            DeadLetterPublisher deadLetters) {
        this.reports = reports;
        this.handler = handler;
        this.json = json;
        this.deadLetters = deadLetters;
    }

    @Incoming(Topics.VENUE_EVENTS)
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        if (record.value() != null && record.value().contains("\"" + VenuePositionReport.TYPE + "\"")) {
            return consumeReport(record);
        }
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
        boolean fill = update.status() == OrderStatus.FILLED || update.status() == OrderStatus.PARTIALLY_FILLED;
        if (fill && (update.filledQuantity() == null || update.filledQuantity().signum() <= 0 || update.averagePrice() == null
                || update.averagePrice().signum() <= 0)) {
            return deadLetters.send(record, "a fill needs positive filledQuantity and averagePrice");
        }
        if (update.filledQuantity() != null && update.filledQuantity().signum() < 0
                || update.lastFilledQuantity() != null && update.lastFilledQuantity().signum() < 0) {
            return deadLetters.send(record, "filled quantities cannot be negative");
        }
        return handler.apply(update, orderId.get())
                .onFailure(TransientFailures::isTransient).retry().withBackOff(Duration.ofMillis(100), Duration.ofSeconds(5))
                .indefinitely()
                .onFailure().recoverWithUni(e -> deadLetters.send(record, "processing failed: " + e));
    }

    private Uni<Void> consumeReport(ConsumerRecord<String, String> record) {
        VenuePositionReport report;
        try {
            report = json.readValue(record.value(), VenuePositionReport.class);
        } catch (Exception e) {
            return deadLetters.send(record, "malformed position report: " + e.getMessage());
        }
        if (!VenuePositionReport.TYPE.equals(report.type()) || report.reportId() == null || report.account() == null
                || report.venue() == null || report.symbol() == null || report.asOf() == null || report.quantity() == null) {
            return deadLetters.send(record, "position report needs type, reportId, account, venue, symbol, quantity and asOf");
        }
        if (report.quantity().signum() < 0 || (report.quantity().signum() > 0 && report.side() == null)) {
            return deadLetters.send(record, "position report quantity must be >= 0, with a side when not flat");
        }
        return reports.apply(report).replaceWithVoid()
                .onFailure(TransientFailures::isTransient).retry().withBackOff(Duration.ofMillis(100), Duration.ofSeconds(5))
                .indefinitely()
                .onFailure().recoverWithUni(e -> deadLetters.send(record, "processing failed: " + e));
    }
}
