package dev.sessionhealth.containers.app;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** The application's own mapping: a {@link MappedFailure} becomes a 503 (a handled error). */
@Provider
public class MappedFailureMapper implements ExceptionMapper<MappedFailure> {

    @Override
    public Response toResponse(MappedFailure failure) {
        return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                .type(MediaType.TEXT_PLAIN_TYPE)
                .entity("mapped: " + failure.getMessage())
                .build();
    }
}
