package dev.sessionhealth.cdi.internal;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * Sees the exception a resource method throws before the JAX-RS runtime maps it (under JAX-RS 3.1
 * every exception is mapped, so nothing outside the runtime sees it). It only remembers the
 * exception in the request scope and rethrows it unchanged; the response filter classifies it.
 * A normal return forgets an exception thrown by a nested resource call that the caller handled.
 */
@Captured
@Interceptor
@Priority(Interceptor.Priority.LIBRARY_BEFORE)
public class ExceptionCapture {

    private final CurrentRequest current;

    @Inject
    public ExceptionCapture(CurrentRequest current) {
        this.current = current;
    }

    @AroundInvoke
    public Object capture(InvocationContext invocation) throws Exception {
        Object result;
        try {
            result = invocation.proceed();
        } catch (Exception | Error e) {
            remember(e);
            throw e;
        }
        remember(null);
        return result;
    }

    private void remember(Throwable thrown) {
        try {
            current.thrown(thrown);
        } catch (ContextNotActiveException e) {
            // called outside a request (a job using a resource bean): nothing to classify
        }
    }
}
