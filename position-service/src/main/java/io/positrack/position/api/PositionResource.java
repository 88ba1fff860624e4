package io.positrack.position.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.positrack.contracts.position.PositionSnapshot;
import io.positrack.contracts.position.PositionStatus;
import io.positrack.position.lifecycle.PositionRepository;
import io.positrack.runtime.security.AccountAccess;
import io.positrack.runtime.security.Callers;
import io.positrack.runtime.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Read-only REST view of positions and their audit trail. Writes go through {@code position-commands}. A caller
 * sees its own accounts only: a foreign position answers 404 (as if it did not exist: its id says nothing), a
 * listing filtered by a foreign account 403.
 */
@Path("/positions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "positions")
@RolesAllowed(Roles.VIEWER)
public class PositionResource {

    /** One row of a position's audit trail. */
    public record AuditEvent(long version, String type, String status, String cause, Instant occurredAt, JsonNode position) {
    }

    private final Pool pool;
    private final PositionRepository positions;
    private final ObjectMapper json;
    private final SecurityIdentity caller;

    public PositionResource(Pool pool, PositionRepository positions, ObjectMapper json, SecurityIdentity caller) {
        this.pool = pool;
        this.positions = positions;
        this.json = json;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "List positions, newest first", description = "Filter by account, symbol, status or open; page with before=<id>.")
    @APIResponse(responseCode = "400", description = "Unknown status or limit outside 1..500")
    @APIResponse(responseCode = "403", description = "The account filter names an account that is not the caller's")
    public Uni<List<PositionSnapshot>> list(@QueryParam("account") String account, @QueryParam("symbol") String symbol,
            @QueryParam("status") String status, @QueryParam("open") Boolean open,
            @QueryParam("limit") @DefaultValue("50") int limit, @QueryParam("before") Long before) {
        if (limit < 1 || limit > 500) {
            throw new BadRequestException("limit must be between 1 and 500");
        }
        PositionStatus parsed = null;
        if (status != null) {
            try {
                parsed = PositionStatus.valueOf(status);
            } catch (IllegalArgumentException e) {
                throw new BadRequestException("unknown status '" + status + "'; one of " + List.of(PositionStatus.values()));
            }
        }
        AccountAccess.Filter scope = Callers.access(caller).filter(account);
        if (scope.refused()) {
            throw new ForbiddenException("account '" + account + "' is not one of this key's accounts");
        }
        return positions.search(pool, scope.sqlScope(), symbol, parsed, open, limit, before == null ? Long.MAX_VALUE : before);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One position at its latest version")
    @APIResponse(responseCode = "404", description = "No such position")
    public Uni<PositionSnapshot> get(@PathParam("id") long id) {
        AccountAccess access = Callers.access(caller);
        return positions.findById(pool, id).map(found -> found.filter(p -> access.allows(p.account()))
                .orElseThrow(() -> new NotFoundException("no position " + id)));
    }

    @GET
    @Path("/{id}/events")
    @Operation(summary = "The audit trail of a position: one event per version, from 1")
    @APIResponse(responseCode = "404", description = "No such position")
    public Uni<List<AuditEvent>> events(@PathParam("id") long id) {
        // The account filter is in the query, so a foreign position's trail is indistinguishable from none.
        AccountAccess access = Callers.access(caller);
        String[] scope = access.sqlScope();
        return pool.preparedQuery("SELECT e.version, e.type, e.status, e.cause, e.occurred_at, e.snapshot::text AS snapshot "
                + "FROM position_events e JOIN positions p ON p.id = e.position_id "
                + "WHERE e.position_id = $1 AND ($2::text[] IS NULL OR p.account = ANY($2)) ORDER BY e.version")
                .execute(Tuple.of(id, scope))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw new NotFoundException("no position " + id);
                    }
                    List<AuditEvent> events = new ArrayList<>();
                    rows.forEach(r -> events.add(new AuditEvent(r.getLong("version"), r.getString("type"), r.getString("status"),
                            r.getString("cause"), r.getOffsetDateTime("occurred_at").toInstant(), parse(r.getString("snapshot")))));
                    return events;
                });
    }

    private JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException("audit snapshot is not JSON", e);
        }
    }
}
