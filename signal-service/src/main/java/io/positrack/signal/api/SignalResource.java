package io.positrack.signal.api;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.positrack.runtime.security.Roles;
import io.positrack.signal.config.Instruments;
import io.positrack.signal.market.SignalRepository;
import io.positrack.signal.support.Clock;
import io.smallrye.mutiny.Uni;

/** The strategy's latest signals (read-only). Signals belong to no account, so any viewer sees all of them. */
@Path("/signals")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "signals", description = "The latest signal of each watched symbol")
@RolesAllowed(Roles.VIEWER)
public class SignalResource {

    private final SignalRepository signals;
    private final Instruments instruments;
    private final Clock clock;

    public SignalResource(SignalRepository signals, Instruments instruments, Clock clock) {
        this.signals = signals;
        this.instruments = instruments;
        this.clock = clock;
    }

    @GET
    @Operation(summary = "The latest signal of every watched symbol that has one")
    @APIResponse(responseCode = "200", description = "Latest signals, by symbol",
            content = @Content(schema = @Schema(implementation = SignalView.class, type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.ARRAY)))
    public Uni<List<SignalView>> latestOfEverySymbol() {
        return signals.latestOf(instruments.symbols())
                .map(list -> list.stream().map(s -> SignalView.of(s, clock.now())).toList());
    }

    @GET
    @Path("/{symbol}")
    @Operation(summary = "The latest signal of one symbol, current or not")
    @APIResponse(responseCode = "200", description = "The signal; `current` tells whether /getsignal would open it now",
            content = @Content(schema = @Schema(implementation = SignalView.class)))
    @APIResponse(responseCode = "400", description = "Not a valid symbol", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No signal for this symbol yet", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<SignalView> latest(@Parameter(description = "e.g. XAUUSD") @PathParam("symbol") String symbol) {
        if (!instruments.isWellFormed(symbol)) {
            throw ApiError.badRequest("'" + symbol + "' is not a valid symbol");
        }
        return signals.latest(symbol).map(found -> found.map(s -> SignalView.of(s, clock.now()))
                .orElseThrow(() -> ApiError.notFound("No signal for " + symbol + " yet")));
    }
}
