package io.positrack.position.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.ws.rs.BadRequestException;
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
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Read-only REST view of positions and their audit trail. Writes go through {@code position-commands}. */
@Path("/positions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "positions")
public class PositionResource {

    /** One row of a position's audit trail. */
    public record AuditEvent(long version, String type, String status, String cause, Instant occurredAt, JsonNode position) {
    }

    private final Pool pool;
    private final PositionRepository positions;
    private final ObjectMapper json;

    public PositionResource(Pool pool, PositionRepository positions, ObjectMapper json) {
        this.pool = pool;
        this.positions = positions;
        this.json = json;
    }

    @GET
    @Operation(summary = "List positions, newest first", description = "Filter by account, symbol, status or open; page with before=<id>.")
    @APIResponse(responseCode = "400", description = "Unknown status or limit outside 1..500")
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
        return positions.search(pool, account, symbol, parsed, open, limit, before == null ? Long.MAX_VALUE : before);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One position at its latest version")
    @APIResponse(responseCode = "404", description = "No such position")
    public Uni<PositionSnapshot> get(@PathParam("id") long id) {
        return positions.findById(pool, id).map(found -> found.orElseThrow(() -> new NotFoundException("no position " + id)));
    }

    @GET
    @Path("/{id}/events")
    @Operation(summary = "The audit trail of a position: one event per version, from 1")
    @APIResponse(responseCode = "404", description = "No such position")
    public Uni<List<AuditEvent>> events(@PathParam("id") long id) {
        return pool.preparedQuery("SELECT version, type, status, cause, occurred_at, snapshot::text AS snapshot "
                + "FROM position_events WHERE position_id = $1 ORDER BY version").execute(Tuple.of(id))
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
