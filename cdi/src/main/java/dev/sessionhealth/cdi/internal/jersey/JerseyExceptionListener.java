package dev.sessionhealth.cdi.internal.jersey;

import dev.sessionhealth.cdi.internal.JaxrsHook;
import org.glassfish.jersey.server.monitoring.ApplicationEvent;
import org.glassfish.jersey.server.monitoring.ApplicationEventListener;
import org.glassfish.jersey.server.monitoring.RequestEvent;
import org.glassfish.jersey.server.monitoring.RequestEventListener;

/**
 * Jersey only: sees the exception a resource throws even when the resource is not a CDI bean (the
 * portable interceptor needs a bean), and leaves it in the request for {@link JaxrsHook}. Loaded
 * only through {@link JerseySupport}, when Jersey is on the class path.
 */
public final class JerseyExceptionListener implements ApplicationEventListener, RequestEventListener {

    @Override
    public void onEvent(ApplicationEvent event) {
    }

    @Override
    public RequestEventListener onRequest(RequestEvent event) {
        return this;
    }

    @Override
    public void onEvent(RequestEvent event) {
        if (event.getType() == RequestEvent.Type.ON_EXCEPTION
                && event.getExceptionCause() == RequestEvent.ExceptionCause.ORIGINAL
                && event.getContainerRequest().getProperty(JaxrsHook.THROWN) == null) {
            event.getContainerRequest().setProperty(JaxrsHook.THROWN, event.getException());
        }
    }
}
