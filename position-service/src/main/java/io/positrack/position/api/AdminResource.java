package io.positrack.position.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.positrack.position.audit.InvariantAudit;
import io.smallrye.mutiny.Uni;

/** Operator endpoints. Read-only; expose them only inside the cluster (see docs/architecture.md). */
@Path("/admin")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "admin")
public class AdminResource {

    private final InvariantAudit audit;

    public AdminResource(InvariantAudit audit) {
        this.audit = audit;
    }

    @GET
    @Path("/audit")
    @Operation(summary = "Run the invariant audit now: every check's count (should be 0) and up to 100 offending rows each")
    public Uni<InvariantAudit.Report> audit() {
        return audit.run();
    }
}
