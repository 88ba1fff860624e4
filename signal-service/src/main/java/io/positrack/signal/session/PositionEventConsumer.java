package io.positrack.signal.session;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.positrack.contracts.Topics;
import io.positrack.contracts.position.PositionEvent;
import io.positrack.runtime.consumer.ConsumerPipeline;
import io.positrack.runtime.consumer.Decoder;
import io.positrack.runtime.consumer.Verdict;
import io.positrack.runtime.wire.WireReader;
import io.smallrye.mutiny.Uni;

/**
 * The {@code position-events} consumer that feeds the session read model. The offset is committed only
 * after the event is applied, so a restart re-reads what was not applied, and the version check of
 * {@link SessionProjector} makes what was applied twice harmless. Refusals, passing faults and dead letters
 * ({@code position-events-dlq}) are the pipeline's.
 */
@ApplicationScoped
public class PositionEventConsumer {

    private final ConsumerPipeline pipeline;
    private final SessionProjector projector;
    private final Decoder<PositionEvent> decoder;

    public PositionEventConsumer(ConsumerPipeline pipeline, SessionProjector projector, PositionEventValidator validator) {
        this.pipeline = pipeline;
        this.projector = projector;
        this.decoder = WireReader.of(PositionEvent.class, validator::problems);
    }

    @Incoming(Topics.POSITION_EVENTS)
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        return pipeline.consume(record, decoder, this::handle);
    }

    private Uni<Verdict> handle(PositionEvent event, ConsumerRecord<String, byte[]> record) {
        return projector.apply(event).map(applied -> applied == SessionProjector.Applied.NOT_A_SIGNAL
                ? Verdict.skipped("position without a signal")
                : Verdict.applied());
    }
}
