package io.positrack.signal.api;

import java.util.List;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.positrack.contracts.signal.SignalSession;
import io.positrack.runtime.security.AccountAccess;
import io.positrack.runtime.security.Callers;
import io.positrack.runtime.security.Roles;
import io.positrack.signal.session.SessionRepository;
import io.positrack.signal.session.SessionStatistics;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * The signal-session read model (read-only): a session is a signal and the position it opened. A caller sees the
 * sessions of its own accounts only: a foreign session answers 404, a filter on a foreign account 403.
 */
@Path("/sessions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "sessions", description = "Signal sessions, built from position-events")
@RolesAllowed(Roles.VIEWER)
public class SessionResource {

    private static final Set<String> STATUSES = Set.of("OPEN", "CLOSED");
    private static final int MAX_LIMIT = 500;

    private final SessionRepository sessions;
    private final SecurityIdentity caller;

    public SessionResource(SessionRepository sessions, SecurityIdentity caller) {
        this.sessions = sessions;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "Sessions, newest first")
    @APIResponse(responseCode = "200", description = "The sessions",
            content = @Content(schema = @Schema(implementation = SignalSession.class, type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "400", description = "Unknown status, or limit out of range",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "403", description = "The account filter names an account that is not the caller's",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<List<SignalSession>> list(@QueryParam("account") String account, @QueryParam("symbol") String symbol,
            @Parameter(description = "OPEN or CLOSED") @QueryParam("status") String status,
            @Parameter(description = "1..500, default 50") @QueryParam("limit") @DefaultValue("50") String limit,
            @Parameter(description = "Only sessions of positions with a smaller id (paging)") @QueryParam("before") String before) {
        if (status != null && !STATUSES.contains(status)) {
            throw ApiError.badRequest("status must be OPEN or CLOSED");
        }
        long max = number(limit, "limit");
        if (max < 1 || max > MAX_LIMIT) {
            throw ApiError.badRequest("limit must be 1.." + MAX_LIMIT);
        }
        return sessions.list(scope(account), symbol, status, before == null ? null : number(before, "before"), (int) max);
    }

    @GET
    @Path("/statistics")
    @Operation(summary = "Per symbol: sessions, trades, win rate and average R")
    @APIResponse(responseCode = "200", description = "One entry per symbol with sessions",
            content = @Content(schema = @Schema(implementation = SessionStatistics.class, type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "403", description = "The account filter names an account that is not the caller's",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<List<SessionStatistics>> statistics(@QueryParam("account") String account, @QueryParam("symbol") String symbol) {
        return sessions.statistics(scope(account), symbol);
    }

    @GET
    @Path("/{positionId}")
    @Operation(summary = "The session of one position")
    @APIResponse(responseCode = "200", description = "The session", content = @Content(schema = @Schema(implementation = SignalSession.class)))
    @APIResponse(responseCode = "400", description = "Not a position id", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No session for this position", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<SignalSession> one(@Parameter(description = "The position id (sessions are keyed by it)") @PathParam("positionId") String positionId) {
        long id = number(positionId, "position id");
        if (id < 1) {
            throw ApiError.badRequest("position ids start at 1");
        }
        AccountAccess access = Callers.access(caller);
        return sessions.byPositionId(id).map(found -> found.filter(session -> access.allows(session.account()))
                .orElseThrow(() -> ApiError.notFound("No session for position #" + id)));
    }

    private java.util.Optional<Set<String>> scope(String account) {
        AccountAccess.Filter filter = Callers.access(caller).filter(account);
        if (filter.refused()) {
            throw ApiError.forbidden("account '" + account + "' is not one of this key's accounts");
        }
        return filter.accounts();
    }

    /** Parameters are read as text so that a malformed number is a 400 with a reason, not a bare 404. */
    private static long number(String value, String name) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("'" + value + "' is not a valid " + name);
        }
    }
}
