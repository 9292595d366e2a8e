package dev.sessionhealth.servlet.internal;

import dev.sessionhealth.internal.DefaultSessionManager;
import dev.sessionhealth.internal.RequestSessions;
import dev.sessionhealth.internal.RequestTracking;
import dev.sessionhealth.internal.WarnOnce;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The filter's request path: the first dispatch of a request maps it (unless excluded), binds its
 * tracking around the chain, records an escaping exception as a crash and rethrows it unchanged,
 * and finishes the accounting when the request (or its async work) is over. Later dispatches of the
 * same request (forward, include, error, async) find the tracking in the request and pass through.
 */
public final class RequestAccounting {

    /** The servlet context attribute under which the filter keeps its request path (for {@code SessionHealthUserFilter}). */
    public static final String ATTRIBUTE = "dev.sessionhealth.servlet.RequestAccounting";

    private final RequestSessions sessions;
    private final RequestMapper mapper;
    private final RequestExclusions exclusions;
    private final boolean serverErrorsAsErrors;
    private final WarnOnce warn;

    RequestAccounting(RequestSessions sessions, RequestMapper mapper, RequestExclusions exclusions,
            boolean serverErrorsAsErrors, WarnOnce warn) {
        this.sessions = sessions;
        this.mapper = mapper;
        this.exclusions = exclusions;
        this.serverErrorsAsErrors = serverErrorsAsErrors;
        this.warn = warn;
    }

    /**
     * Looks at the request's principal again, later in the chain than {@link #handle}: a user who
     * became known there (an authentication filter behind ours) restarts the request's session with
     * that user, by the rule the filter applies at the start of a request.
     */
    public void principalKnown(HttpServletRequest request) {
        if (!(request.getAttribute(RequestTracking.ATTRIBUTE) instanceof RequestTracking t) || t.key() == null) {
            return;
        }
        try {
            sessions.principalKnown(t, ClientDetails.principal(request));
        } catch (RuntimeException e) {
            warn.log("principal", "sessionhealth: could not take the request's user into its session", e);
        }
    }

    public void handle(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Object existing = request.getAttribute(RequestTracking.ATTRIBUTE);
        if (existing instanceof RequestTracking tracking) {
            passThrough(tracking, request, response, chain);
            return;
        }
        MappedRequest mapped = request.getDispatcherType() == DispatcherType.REQUEST ? begin(request, response) : null;
        if (mapped == null) {
            chain.doFilter(request, response);
            return;
        }
        RequestTracking tracking = mapped.tracking();
        Object[] slot = sessions.slot();
        Object previous = RequestSessions.enter(slot, tracking);
        try {
            chain.doFilter(request, response);
        } catch (Throwable t) {
            RequestSessions.leave(slot, previous);
            RequestCompletion.failed(tracking, mapped.end(), sessions, warn); // no listener was registered
            throw t; // the application's exception, unchanged
        }
        RequestSessions.leave(slot, previous);
        if (!request.isAsyncStarted()) {
            RequestCompletion.finish(tracking, mapped.end(), sessions, response, serverErrorsAsErrors, warn);
            sessions.release(tracking); // over: this thread's next request may reuse it
        } else {
            RequestCompletion completion = new RequestCompletion(tracking, mapped.end(), sessions, response,
                    serverErrorsAsErrors, warn);
            if (!listen(request, response, completion)) {
                completion.finish(); // async, completed meanwhile: its tracking is not reused
            }
        }
    }

    /** Finishes the accounting when the async work completes; false if it completed already. */
    private static boolean listen(HttpServletRequest request, HttpServletResponse response,
            RequestCompletion completion) {
        try {
            request.getAsyncContext().addListener(completion, request, response);
            return true;
        } catch (IllegalStateException completedMeanwhile) {
            return false;
        }
    }

    /** Maps the request, or returns {@code null} when it is excluded or our own code failed. */
    private MappedRequest begin(HttpServletRequest request, HttpServletResponse response) {
        try {
            if (excluded(request)) {
                // later layers (the JAX-RS hook) must not count it either
                request.setAttribute(RequestTracking.ATTRIBUTE, sessions.excluded());
                return null;
            }
            MappedRequest mapped = mapper.begin(request, response);
            request.setAttribute(RequestTracking.ATTRIBUTE, mapped.tracking());
            return mapped;
        } catch (RuntimeException e) {
            warn.log("begin", "sessionhealth: a request could not be tracked; it is served untracked", e);
            return null;
        }
    }

    private boolean excluded(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        int from = context != null && !context.isEmpty() && uri.startsWith(context) ? context.length() : 0;
        return exclusions.excludes(request.getMethod(), uri, from, request.getHeader("User-Agent"));
    }

    private void passThrough(RequestTracking tracking, HttpServletRequest request, HttpServletResponse response,
            FilterChain chain) throws IOException, ServletException {
        // async and error dispatches run outside the first dispatch's scope: bind again so that
        // SessionManager calls there find the request's session (forward/include just nest)
        try (DefaultSessionManager.Scope scope = sessions.bind(tracking)) {
            chain.doFilter(request, response);
        } catch (Throwable t) {
            if (request.getDispatcherType() == DispatcherType.ASYNC) {
                sessions.recordError(tracking, false); // once per request, whoever records it first
            }
            throw t;
        }
    }
}
