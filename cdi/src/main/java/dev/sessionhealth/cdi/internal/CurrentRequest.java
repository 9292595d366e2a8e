package dev.sessionhealth.cdi.internal;

import dev.sessionhealth.internal.RequestTracking;
import jakarta.enterprise.context.RequestScoped;

/**
 * What the CDI module knows about the request being served: its tracking (set by the JAX-RS hook)
 * and the exception the last resource method threw (set by {@link ExceptionCapture}). Request-scoped,
 * so it ends with the request and nothing is kept in a static or a thread-local.
 *
 * <p>Not final: the container proxies request-scoped beans.
 */
@RequestScoped
public class CurrentRequest {

    private volatile RequestTracking tracking;
    private volatile Throwable thrown;

    public RequestTracking tracking() {
        return tracking;
    }

    /**
     * The request's tracking, kept from reuse: this bean may outlive the request (context propagation
     * carries it into tasks that run on), and a late call must still land in this request's session.
     */
    public void tracking(RequestTracking value) {
        this.tracking = value == null ? null : value.keep();
    }

    /** Remembers the exception a resource method threw; {@code null} after a normal return. */
    public void thrown(Throwable value) {
        this.thrown = value;
    }

    /** The exception the outermost resource method threw, and forgets it. */
    public Throwable takeThrown() {
        Throwable t = thrown;
        thrown = null;
        return t;
    }
}
