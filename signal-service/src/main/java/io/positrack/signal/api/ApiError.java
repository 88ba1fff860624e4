package io.positrack.signal.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The body of a 400, 403 or 404 answer. */
public record ApiError(String error) {

    static WebApplicationException badRequest(String message) {
        return failure(Response.Status.BAD_REQUEST, message);
    }

    static WebApplicationException notFound(String message) {
        return failure(Response.Status.NOT_FOUND, message);
    }

    static WebApplicationException forbidden(String message) {
        return failure(Response.Status.FORBIDDEN, message);
    }

    private static WebApplicationException failure(Response.Status status, String message) {
        return new WebApplicationException(message,
                Response.status(status).type(MediaType.APPLICATION_JSON).entity(new ApiError(message)).build());
    }
}
