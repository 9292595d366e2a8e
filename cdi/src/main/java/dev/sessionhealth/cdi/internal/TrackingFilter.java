package dev.sessionhealth.cdi.internal;

import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Providers;

/**
 * Runs {@link JaxrsHook} around every request: pre-matching, so unmatched requests are counted too,
 * and registered with a low priority so that it is the first request filter and the last response
 * filter (it sees the final status). Never throws into the application.
 */
@PreMatching
@ConstrainedTo(RuntimeType.SERVER)
public final class TrackingFilter implements ContainerRequestFilter, ContainerResponseFilter {

    /** First on the way in, last on the way out. */
    public static final int PRIORITY = 100;

    private final JaxrsHook hook;
    private final FailureLog failures = new FailureLog();

    @Context
    private Providers providers;

    public TrackingFilter(JaxrsHook hook) {
        this.hook = hook;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        try {
            hook.begin(request);
        } catch (RuntimeException e) {
            failures.log("request start", e);
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        try {
            hook.end(request, response, type -> providers == null ? null : providers.getExceptionMapper(type));
        } catch (RuntimeException e) {
            failures.log("request end", e);
        }
    }
}
