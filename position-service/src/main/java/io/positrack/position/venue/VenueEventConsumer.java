package io.positrack.position.venue;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.JsonNode;

import io.positrack.contracts.Topics;
import io.positrack.contracts.venue.ClientOrderId;
import io.positrack.contracts.venue.FundingPayment;
import io.positrack.contracts.venue.OrderUpdate;
import io.positrack.contracts.venue.VenuePositionReport;
import io.positrack.position.charges.FundingHandler;
import io.positrack.position.reconciliation.PositionReportHandler;
import io.positrack.runtime.consumer.ConsumerPipeline;
import io.positrack.runtime.consumer.Decoded;
import io.positrack.runtime.consumer.Decoder;
import io.positrack.runtime.consumer.Verdict;
import io.positrack.runtime.wire.WireReader;
import io.smallrye.mutiny.Uni;

/**
 * The {@code venue-events} consumer: order updates for orders Positrack placed, position reports and funding payments
 * (told apart by {@code "type": "PositionReport"} or {@code "FundingPayment"}), each through the shared pipeline and
 * {@link VenueEventRules}.
 */
@ApplicationScoped
public class VenueEventConsumer {

    /** One decoded venue event: exactly one of the two is set. */
    record VenueEvent(OrderUpdate update, VenuePositionReport report, FundingPayment funding) {
    }

    private final ConsumerPipeline pipeline;
    private final OrderUpdateHandler updates;
    private final PositionReportHandler reports;
    private final FundingHandler funding;
    private final Decoder<VenueEvent> decoder;

    public VenueEventConsumer(ConsumerPipeline pipeline, OrderUpdateHandler updates, PositionReportHandler reports,
            VenueEventRules rules, FundingHandler funding) {
        this.funding = funding;
        this.pipeline = pipeline;
        this.updates = updates;
        this.reports = reports;
        WireReader<OrderUpdate> updateReader = WireReader.of(OrderUpdate.class, rules::problems);
        WireReader<VenuePositionReport> reportReader = WireReader.of(VenuePositionReport.class, rules::problems);
        WireReader<FundingPayment> fundingReader = WireReader.of(FundingPayment.class, rules::problems);
        this.decoder = value -> {
            Decoded<JsonNode> tree = WireReader.readObject(value);
            if (!tree.valid()) {
                return Decoded.refused(tree.refusal(), null);
            }
            JsonNode type = tree.value().get("type");
            if (type != null && type.isTextual() && VenuePositionReport.TYPE.equals(type.asText())) {
                Decoded<VenuePositionReport> report = reportReader.decodeTree(tree.value());
                return report.valid() ? Decoded.of(new VenueEvent(null, report.value(), null), tree.value())
                        : Decoded.refused(report.refusal(), tree.value());
            }
            if (type != null && type.isTextual() && FundingPayment.TYPE.equals(type.asText())) {
                Decoded<FundingPayment> payment = fundingReader.decodeTree(tree.value());
                return payment.valid() ? Decoded.of(new VenueEvent(null, null, payment.value()), tree.value())
                        : Decoded.refused(payment.refusal(), tree.value());
            }
            Decoded<OrderUpdate> update = updateReader.decodeTree(tree.value());
            return update.valid() ? Decoded.of(new VenueEvent(update.value(), null, null), tree.value())
                    : Decoded.refused(update.refusal(), tree.value());
        };
    }

    @Incoming(Topics.VENUE_EVENTS)
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        return pipeline.consume(record, decoder, (event, r) -> event.funding() != null
                ? funding.apply(event.funding()).replaceWith(Verdict.applied())
                : event.report() != null
                ? reports.apply(event.report()).replaceWith(Verdict.applied())
                // The rules checked that the id parses.
                : updates.apply(event.update(), ClientOrderId.parse(event.update().clientOrderId()).orElseThrow())
                        .replaceWith(Verdict.applied()));
    }
}
