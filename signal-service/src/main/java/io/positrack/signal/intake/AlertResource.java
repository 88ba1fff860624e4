package io.positrack.signal.intake;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.micrometer.core.instrument.MeterRegistry;
import io.positrack.runtime.consumer.Decoded;
import io.positrack.runtime.rules.ClockBounds;
import io.positrack.runtime.wire.WireReader;
import io.positrack.signal.api.ApiError;
import io.positrack.signal.command.PositionCommandPublisher;
import io.positrack.signal.config.SignalConfig;
import io.positrack.signal.support.Clock;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * The webhook outside alerts arrive at. The caller is authenticated by its source's secret, not by an API key
 * (TradingView cannot send one), hence {@link PermitAll}: every check below happens before anything is
 * published, and a refused alert publishes nothing. An accepted alert is published to {@code position-commands}
 * keyed by its symbol, so it takes its place among that symbol's commands from the chat and the strategy.
 */
@Path("/alerts")
@Tag(name = "alerts", description = "Signal intake: TradingView alerts and other bots' signals (docs/signal-intake.md)")
@PermitAll
public class AlertResource {

    /** An alert is a few hundred bytes; anything much larger is not one. */
    static final int MAX_BODY_BYTES = 16 * 1024;

    private static final WireReader<Alert> READER = WireReader.of(Alert.class, a -> java.util.List.of());

    /** The answer to an accepted alert. */
    public record Accepted(String commandId, String signalId, String symbol, String command) {
    }

    private final SignalConfig config;
    private final ClockBounds clockBounds;
    private final PositionCommandPublisher publisher;
    private final Clock clock;
    private final MeterRegistry registry;
    private final io.positrack.signal.freshness.MarketGate gate;

    public AlertResource(SignalConfig config, ClockBounds clockBounds, PositionCommandPublisher publisher, Clock clock,
            MeterRegistry registry, io.positrack.signal.freshness.MarketGate gate) {
        this.gate = gate;
        this.config = config;
        this.clockBounds = clockBounds;
        this.publisher = publisher;
        this.clock = clock;
        this.registry = registry;
    }

    @POST
    @Path("/{source}")
    // TradingView posts application/json when the message is valid JSON and text/plain otherwise: accept both.
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Post an alert from a configured source; an entry opens a position, close/flat closes it")
    @APIResponse(responseCode = "202", description = "Accepted and queued on the symbol's command stream",
            content = @Content(schema = @Schema(implementation = Accepted.class)))
    @APIResponse(responseCode = "400", description = "Malformed or refused alert, with the reason; nothing changed",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "401", description = "Unknown source or wrong secret/signature; nothing changed",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "409", description = "An entry the market does not allow now (no fresh market data, or the stop or target already reached); nothing changed",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "413", description = "Body larger than 16 KiB")
    @APIResponse(responseCode = "503", description = "Could not be queued; nothing changed, post it again")
    public Uni<Response> receive(@PathParam("source") String sourceName,
            @HeaderParam(AlertAuthenticity.SIGNATURE_HEADER) String signature, byte[] body) {
        // Only well-formed names can be configured (IntakeSourcesCheck), so any other is simply not found.
        IntakeSource source = config.intake().get(sourceName);
        String tag = source == null ? "unknown" : sourceName;
        if (source == null) {
            // The same answer as a wrong secret: a caller cannot find out which source names exist.
            return unauthenticated(tag);
        }
        if (body == null || body.length == 0) {
            return answer(tag, "malformed", Response.Status.BAD_REQUEST, "the body is empty; post the alert as JSON");
        }
        if (body.length > MAX_BODY_BYTES) {
            return answer(tag, "malformed", Response.Status.REQUEST_ENTITY_TOO_LARGE, "an alert is at most " + MAX_BODY_BYTES + " bytes");
        }
        if (source.format() == IntakeSource.Format.GENERIC && !AlertAuthenticity.signatureMatches(source, body, signature)) {
            return unauthenticated(tag);
        }
        Decoded<Alert> decoded = READER.decode(body);
        if (!decoded.valid()) {
            return answer(tag, "malformed", Response.Status.BAD_REQUEST, decoded.refusal().detail());
        }
        Alert alert = decoded.value();
        if (source.format() == IntakeSource.Format.TRADINGVIEW && !AlertAuthenticity.secretMatches(source, alert.secret())) {
            return unauthenticated(tag);
        }
        AlertTranslator.Translation translation = AlertTranslator.translate(sourceName, source, alert, config.venue(),
                clock.now(), clockBounds.maxAhead());
        if (!translation.accepted()) {
            return answer(tag, "refused", Response.Status.BAD_REQUEST, translation.problem());
        }
        var command = translation.command();
        String signalId = command instanceof io.positrack.contracts.position.PositionCommand.OpenPosition o ? o.signalId() : null;
        var refusal = gate.refusal(command);
        if (refusal.isPresent()) {
            return answer(tag, "market", Response.Status.CONFLICT, refusal.get());
        }
        return publisher.send(command, null)
                .map(ignored -> {
                    count(tag, "accepted");
                    Log.infof("Alert %s from %s accepted as %s %s on %s", alert.id(), sourceName, command.typeName(),
                            command.commandId(), command.symbol());
                    return Response.accepted(new Accepted(command.commandId(), signalId, command.symbol(), command.typeName()))
                            .type(MediaType.APPLICATION_JSON).build();
                })
                .onFailure().recoverWithItem(failure -> {
                    Log.warnf("Alert %s from %s not queued: %s", alert.id(), sourceName, failure.toString());
                    count(tag, "unavailable");
                    return ApiError.response(Response.Status.SERVICE_UNAVAILABLE, "could not be queued; nothing changed, post it again");
                });
    }

    private Uni<Response> unauthenticated(String tag) {
        return answer(tag, "unauthenticated", Response.Status.UNAUTHORIZED, "not authenticated");
    }

    private Uni<Response> answer(String tag, String outcome, Response.Status status, String message) {
        count(tag, outcome);
        return Uni.createFrom().item(ApiError.response(status, message));
    }

    private void count(String source, String outcome) {
        // source is a configured name or "unknown": the tag's values are bounded by the configuration.
        registry.counter("positrack.signal.alerts", "source", source, "outcome", outcome).increment();
    }
}
