package io.positrack.position.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.positrack.contracts.Topics;
import io.positrack.contracts.position.CommandResult;
import io.positrack.runtime.security.AccountAccess;
import io.positrack.runtime.security.Callers;
import io.positrack.runtime.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The result of a command, by its id: what a caller of the command API (signal-service {@code POST /commands}, 202)
 * polls for. Read from the outbox row that carried the result to {@code command-results}, so it is exactly what was
 * published, and there as soon as the command's transaction committed. The first result is the answer: a later
 * one for the same id is a conflict answer to someone reusing the id for another command.
 */
@Path("/commands")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "commands")
@RolesAllowed(Roles.VIEWER)
public class CommandResultResource {

    private final Pool pool;
    private final ObjectMapper json;
    private final SecurityIdentity caller;

    public CommandResultResource(Pool pool, ObjectMapper json, SecurityIdentity caller) {
        this.pool = pool;
        this.json = json;
        this.caller = caller;
    }

    @GET
    @Path("/{commandId}")
    @Operation(summary = "The result of a command, once position-service has handled it")
    @APIResponse(responseCode = "200", description = "The result as published on command-results",
            content = @Content(schema = @Schema(implementation = CommandResult.class)))
    @APIResponse(responseCode = "404", description = "Not handled yet (poll again), not the caller's account, or older than the outbox retention")
    public Uni<CommandResult> result(@PathParam("commandId") String commandId) {
        AccountAccess access = Callers.access(caller);
        String[] scope = access.sqlScope();
        return pool.preparedQuery("""
                SELECT payload::text AS payload FROM outbox
                 WHERE aggregatetype = $1 AND payload->>'commandId' = $2
                   AND ($3::text[] IS NULL OR payload->>'account' = ANY($3))
                 ORDER BY seq LIMIT 1""")
                .execute(Tuple.of(Topics.COMMAND_RESULTS, commandId, scope))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw new NotFoundException("no result for command " + commandId + " (yet)");
                    }
                    return parse(rows.iterator().next().getString("payload"));
                });
    }

    private CommandResult parse(String payload) {
        try {
            return json.readValue(payload, CommandResult.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an outbox result is not a CommandResult", e);
        }
    }
}
