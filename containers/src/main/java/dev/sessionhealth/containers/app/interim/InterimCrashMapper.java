package dev.sessionhealth.containers.app.interim;

import dev.sessionhealth.internal.DefaultSessionManager;
import dev.sessionhealth.internal.RequestTracking;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * INTERIM, until the CDI module's JAX-RS hook lands: an exception no application mapper takes is
 * recorded as unhandled on the request, then answered 500 like the default mapper does.
 */
@Provider
public final class InterimCrashMapper implements ExceptionMapper<RuntimeException> {

    @Context
    HttpServletRequest request;

    @Override
    public Response toResponse(RuntimeException exception) {
        Object tracking = request.getAttribute(RequestTracking.ATTRIBUTE);
        Object manager = request.getServletContext().getAttribute(dev.sessionhealth.SessionManager.class.getName());
        if (tracking instanceof RequestTracking t && manager instanceof DefaultSessionManager m) {
            t.recordError(m.tracker(), false);
        }
        if (exception instanceof jakarta.ws.rs.WebApplicationException w) {
            return w.getResponse();
        }
        return Response.serverError().build();
    }
}
