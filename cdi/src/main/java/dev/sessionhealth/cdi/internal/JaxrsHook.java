package dev.sessionhealth.cdi.internal;

import dev.sessionhealth.internal.TrackingMode;
import dev.sessionhealth.SessionManager;
import dev.sessionhealth.internal.RequestSessions;
import dev.sessionhealth.internal.RequestTracking;
import dev.sessionhealth.internal.cookie.CookieKey;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.function.Function;

/**
 * The JAX-RS side of request tracking. At the start of a request it takes the request's
 * {@link RequestTracking} from the servlet filter (request attribute, which JAX-RS exposes as a
 * property) or, without the filter, creates and counts it itself. At the end it classifies the
 * exception the resource threw ({@link Verdict}) and, if it counted the request, finishes it.
 */
public final class JaxrsHook {

    /** The request property holding this hook's state of the request. */
    static final String PROPERTY = "dev.sessionhealth.cdi.JaxrsRequest";

    /** The request property where a runtime-specific listener leaves what the resource threw. */
    public static final String THROWN = "dev.sessionhealth.cdi.Thrown";

    private final ManagerSource source;
    private final CurrentRequest current;

    public JaxrsHook(ManagerSource source, CurrentRequest current) {
        this.source = source;
        this.current = current;
    }

    /** Called by the pre-matching request filter. */
    void begin(ContainerRequestContext request) {
        if (request.getProperty(PROPERTY) != null) {
            return;
        }
        RequestSessions sessions = sessions();
        if (!sessions.tracking()) {
            return;
        }
        JaxrsRequest state = request.getProperty(RequestTracking.ATTRIBUTE) instanceof RequestTracking t
                ? new JaxrsRequest(t, false, null)
                : start(request, sessions);
        request.setProperty(PROPERTY, state);
        try {
            current.tracking(state.tracking());
        } catch (ContextNotActiveException e) {
            // no request scope here: beans reach the session through the manager's own binding
        }
    }

    /** Called by the response filter, once the runtime produced the response (mapped or not). */
    void end(ContainerRequestContext request, ContainerResponseContext response,
            Function<Class<Throwable>, ExceptionMapper<?>> mappers) {
        if (!(request.getProperty(PROPERTY) instanceof JaxrsRequest state)) {
            return;
        }
        request.removeProperty(PROPERTY); // finish once, even if the filter ran twice
        RequestSessions sessions = sessions();
        Throwable thrown = takeThrown();
        if (thrown == null && request.getProperty(THROWN) instanceof Throwable t) {
            thrown = t; // seen by the runtime's own listener (a resource that is not a CDI bean)
        }
        switch (Verdict.of(thrown, response.getStatus(), mappers)) {
            case CRASHED -> sessions.recordError(state.tracking(), false);
            case ERRORED -> {
                if (state.tracking().handledErrors() == 0) { // not when the application reported it already
                    sessions.recordError(state.tracking(), true);
                }
            }
            case NONE -> { }
        }
        if (!state.owned()) {
            return; // the servlet filter counts and finishes the request
        }
        sessions.finish(state.tracking());
        if (state.newCookie() != null) {
            boolean secure = request.getSecurityContext() != null && request.getSecurityContext().isSecure();
            response.getHeaders().add(HttpHeaders.SET_COOKIE,
                    source.settings().cookie().setCookie(state.newCookie(), secure));
        }
    }

    private JaxrsRequest start(ContainerRequestContext request, RequestSessions sessions) {
        if (source.settings().mode() == TrackingMode.REQUEST) {
            RequestTracking tracking = sessions.count();
            request.setProperty(RequestTracking.ATTRIBUTE, tracking);
            return new JaxrsRequest(tracking, true, null);
        }
        SessionCookie cookie = source.settings().cookie();
        CookieKey key = cookie.keyOf(request, sessions);
        String issued = key == null ? cookie.issue() : null;
        if (issued != null) {
            key = CookieKey.parse(issued);
        }
        String userAgent = request.getHeaderString(HttpHeaders.USER_AGENT);
        RequestTracking tracking = sessions.open(key, null, userAgent, null); // counts this request
        request.setProperty(RequestTracking.ATTRIBUTE, tracking);
        return new JaxrsRequest(tracking, true, issued);
    }

    private RequestSessions sessions() {
        return RequestSessions.of(source.manager(), "the CDI application's SessionManager");
    }

    private Throwable takeThrown() {
        try {
            return current.takeThrown();
        } catch (ContextNotActiveException e) {
            return null;
        }
    }

    /** This hook's view of one request: {@code newCookie} is the value of a cookie issued for it, or {@code null}. */
    private record JaxrsRequest(RequestTracking tracking, boolean owned, String newCookie) {
    }
}
