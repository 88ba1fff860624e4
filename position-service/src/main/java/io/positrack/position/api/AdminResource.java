package io.positrack.position.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.positrack.position.audit.InvariantAudit;
import io.positrack.runtime.security.Roles;
import io.quarkus.logging.Log;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Operator endpoints: the invariant audit and entry blocks, for admin keys only. An admin works across accounts
 * (a block is an operator's matter), so these answers are not scoped to the key's accounts.
 */
@Path("/admin")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "admin")
@RolesAllowed(Roles.ADMIN)
public class AdminResource {

    private final InvariantAudit audit;
    private final io.vertx.mutiny.sqlclient.Pool pool;
    private final SecurityIdentity caller;

    public AdminResource(InvariantAudit audit, io.vertx.mutiny.sqlclient.Pool pool, SecurityIdentity caller) {
        this.audit = audit;
        this.pool = pool;
        this.caller = caller;
    }

    /** A symbol on which new entries are refused, and why. */
    public record EntryBlock(String account, String venue, String symbol, String reason, Long positionId, java.time.Instant blockedAt) {
    }

    @GET
    @Path("/blocks")
    @Operation(summary = "Symbols on which new entries are blocked (venue size beyond tolerance)")
    public Uni<java.util.List<EntryBlock>> blocks() {
        return pool.query("SELECT account, venue, symbol, reason, position_id, blocked_at FROM entry_blocks ORDER BY blocked_at")
                .execute().map(rows -> {
                    java.util.List<EntryBlock> out = new java.util.ArrayList<>();
                    rows.forEach(r -> out.add(new EntryBlock(r.getString("account"), r.getString("venue"), r.getString("symbol"),
                            r.getString("reason"), r.getLong("position_id"), r.getOffsetDateTime("blocked_at").toInstant())));
                    return out;
                });
    }

    @jakarta.ws.rs.DELETE
    @Path("/blocks/{account}/{venue}/{symbol}")
    @Operation(summary = "Lift a block once the account has been checked; 204, or 404 when there was none")
    public Uni<jakarta.ws.rs.core.Response> unblock(@jakarta.ws.rs.PathParam("account") String account,
            @jakarta.ws.rs.PathParam("venue") String venue, @jakarta.ws.rs.PathParam("symbol") String symbol) {
        return pool.preparedQuery("DELETE FROM entry_blocks WHERE account = $1 AND venue = $2 AND symbol = $3")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(account, venue, symbol))
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        return jakarta.ws.rs.core.Response.status(404).build();
                    }
                    // Lifting a safety block is the one write an HTTP caller can make here: say who did it.
                    Log.warnf("Entry block on %s/%s/%s lifted by API key %s", account, venue, symbol, caller.getPrincipal().getName());
                    return jakarta.ws.rs.core.Response.noContent().build();
                });
    }

    @GET
    @Path("/audit")
    @Operation(summary = "Run the invariant audit now: every check's count (should be 0) and up to 100 offending rows each;"
            + " check set_aside_rows lists the newest outbox rows set aside unpublished (seq, topic, key, type, reason, set_aside_at)")
    public Uni<InvariantAudit.Report> audit() {
        return audit.run();
    }
}
