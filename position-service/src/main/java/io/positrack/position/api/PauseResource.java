package io.positrack.position.api;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.positrack.position.pause.EntryPauses;
import io.positrack.position.pause.Pause;
import io.positrack.runtime.security.AccountAccess;
import io.positrack.runtime.security.Callers;
import io.positrack.runtime.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * The kill switch's state, for dashboards and for a bot that wants to know before it sends. Pauses are set and lifted
 * only by commands ({@code /pause}, {@code /resume}, {@code POST /commands} on signal-service), so that they take their
 * place in the ordered command stream; this resource only reads. A key sees its own accounts' pauses.
 */
@Path("/pauses")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "pauses")
@RolesAllowed(Roles.VIEWER)
public class PauseResource {

    private final Pool pool;
    private final EntryPauses pauses;
    private final SecurityIdentity caller;

    public PauseResource(Pool pool, EntryPauses pauses, SecurityIdentity caller) {
        this.pool = pool;
        this.pauses = pauses;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "Pauses in force (no new entries; exits go on), oldest first; a pause without symbol holds every symbol")
    @APIResponse(responseCode = "403", description = "The account filter names an account that is not the caller's")
    public Uni<List<Pause>> list(@QueryParam("account") String account) {
        AccountAccess.Filter scope = Callers.access(caller).filter(account);
        if (scope.refused()) {
            throw new ForbiddenException("account '" + account + "' is not one of this key's accounts");
        }
        return pauses.list(pool, scope.sqlScope());
    }
}
