package dev.sessionhealth.cdi.app;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** The application's mapper to a server error. */
@Provider
public class PaymentFailedMapper implements ExceptionMapper<PaymentFailedException> {
    @Override
    public Response toResponse(PaymentFailedException e) {
        return Response.status(503).entity("payment service unavailable").build();
    }
}
