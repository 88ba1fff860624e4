package io.positrack.signal.commandapi;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
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
import io.positrack.runtime.security.Callers;
import io.positrack.runtime.security.Roles;
import io.positrack.runtime.wire.WireReader;
import io.positrack.signal.api.ApiError;
import io.positrack.signal.command.PositionCommandPublisher;
import io.positrack.signal.config.SignalConfig;
import io.positrack.signal.support.Clock;
import io.quarkus.logging.Log;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * The command API: a trader's bot opens, closes and moves the stops of its accounts' positions over HTTP. An
 * accepted command is published to {@code position-commands} keyed by its symbol, so it takes its place among that
 * symbol's commands from the chat, the strategy and the alerts; the result follows on {@code command-results} and in
 * {@code GET /positions} of position-service.
 */
@Path("/commands")
@Tag(name = "commands", description = "Open, close and update the stops of positions (docs/command-api.md)")
@RolesAllowed(Roles.TRADER)
public class CommandResource {

    /** A command is a few hundred bytes. */
    static final int MAX_BODY_BYTES = 16 * 1024;

    public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";

    private static final WireReader<CommandRequest> READER = WireReader.of(CommandRequest.class, r -> java.util.List.of());

    /**
     * The answer to an accepted command. {@code resultPath} is where position-service serves its result once handled
     * ({@code GET <position-service>/commands/<commandId>}, 404 until then).
     */
    public record Accepted(String commandId, String type, String account, String symbol, String resultPath) {
    }

    private final SignalConfig config;
    private final PositionCommandPublisher publisher;
    private final Clock clock;
    private final MeterRegistry registry;
    private final io.positrack.signal.freshness.MarketGate gate;
    private final SecurityIdentity caller;

    public CommandResource(SignalConfig config, PositionCommandPublisher publisher, Clock clock, MeterRegistry registry,
            SecurityIdentity caller, io.positrack.signal.freshness.MarketGate gate) {
        this.gate = gate;
        this.config = config;
        this.publisher = publisher;
        this.clock = clock;
        this.registry = registry;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Send a command (open, close, update-stops, pause, resume) for one of the key's accounts",
            description = "Idempotency-Key header required: the same key again is the same command, applied once.")
    @APIResponse(responseCode = "202", description = "Accepted and queued on the symbol's command stream",
            content = @Content(schema = @Schema(implementation = Accepted.class)))
    @APIResponse(responseCode = "400", description = "Malformed or refused, with the reason; nothing changed",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "403", description = "The account is not one of the key's", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "409", description = "An entry the market does not allow now (no fresh market data, or the stop or target already reached); nothing changed",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "413", description = "Body larger than 16 KiB")
    @APIResponse(responseCode = "503", description = "Could not be queued; nothing changed, send it again with the same key")
    public Uni<Response> send(@HeaderParam(IDEMPOTENCY_HEADER) String idempotencyKey, byte[] body) {
        if (body == null || body.length == 0) {
            return answer("malformed", Response.Status.BAD_REQUEST, "the body is empty; send the command as JSON");
        }
        if (body.length > MAX_BODY_BYTES) {
            return answer("malformed", Response.Status.REQUEST_ENTITY_TOO_LARGE, "a command is at most " + MAX_BODY_BYTES + " bytes");
        }
        Decoded<CommandRequest> decoded = READER.decode(body);
        if (!decoded.valid()) {
            return answer("malformed", Response.Status.BAD_REQUEST, decoded.refusal().detail());
        }
        CommandRequest request = decoded.value();
        String keyId = caller.getPrincipal().getName();
        ApiCommands.Translation translation = ApiCommands.translate(keyId, idempotencyKey, request, config.venue(), clock.now());
        if (!translation.accepted()) {
            return answer("refused", Response.Status.BAD_REQUEST, translation.problem());
        }
        // After the shape: a malformed request is told what is wrong with it before whose it is.
        if (!Callers.access(caller).allows(request.account())) {
            return answer("forbidden", Response.Status.FORBIDDEN, "account '" + request.account() + "' is not one of this key's accounts");
        }
        var command = translation.command();
        var refusal = gate.refusal(command);
        if (refusal.isPresent()) {
            return answer("market", Response.Status.CONFLICT, refusal.get());
        }
        return publisher.send(command, null)
                .map(ignored -> {
                    count("accepted");
                    Log.infof("API key %s sent %s %s for %s on %s", keyId, command.typeName(), command.commandId(), command.account(),
                            command.symbol());
                    return Response.accepted(new Accepted(command.commandId(), command.typeName(), command.account(), command.symbol(),
                            "/commands/" + command.commandId()))
                            .type(MediaType.APPLICATION_JSON).build();
                })
                .onFailure().recoverWithItem(failure -> {
                    Log.warnf("Command %s of API key %s not queued: %s", command.commandId(), keyId, failure.toString());
                    count("unavailable");
                    return ApiError.response(Response.Status.SERVICE_UNAVAILABLE, "could not be queued; nothing changed, send it again with the same key");
                });
    }

    private Uni<Response> answer(String outcome, Response.Status status, String message) {
        count(outcome);
        return Uni.createFrom().item(ApiError.response(status, message));
    }

    private void count(String outcome) {
        registry.counter("positrack.signal.api.commands", "outcome", outcome).increment();
    }
}
