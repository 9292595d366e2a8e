package dev.sessionhealth.cdi;

import dev.sessionhealth.SessionManager;
import dev.sessionhealth.cdi.internal.Captured;
import dev.sessionhealth.cdi.internal.CurrentRequest;
import dev.sessionhealth.cdi.internal.ExceptionCapture;
import dev.sessionhealth.cdi.internal.JaxrsHook;
import dev.sessionhealth.cdi.internal.ManagerSource;
import dev.sessionhealth.cdi.internal.RequestAwareSessionManager;
import dev.sessionhealth.cdi.internal.ResourceTypes;
import dev.sessionhealth.cdi.internal.Settings;
import dev.sessionhealth.cdi.internal.SettingsSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.BeforeShutdown;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.WithAnnotations;
import jakarta.ws.rs.Path;

/**
 * The CDI portable extension: validates the configuration at deployment (a bad value is a
 * definition error naming the option and the value), makes {@link SessionManager} injectable as an
 * application-scoped bean whose "current session" is the current request's, marks JAX-RS resource
 * beans so the exceptions they throw can be classified, and closes the manager it created when the
 * application stops. Registered in {@code META-INF/services/jakarta.enterprise.inject.spi.Extension}.
 */
public final class SessionHealthExtension implements Extension {

    private volatile ManagerSource source;
    private volatile JaxrsHook hook;
    private volatile BeanManager beanManager;

    void addTypes(@Observes BeforeBeanDiscovery event, BeanManager manager) {
        this.beanManager = manager;
        event.addInterceptorBinding(Captured.class);
        event.addAnnotatedType(CurrentRequest.class, CurrentRequest.class.getName());
        event.addAnnotatedType(ExceptionCapture.class, ExceptionCapture.class.getName());
    }

    <T> void captureResourceExceptions(@Observes @WithAnnotations(Path.class) ProcessAnnotatedType<T> event) {
        if (ResourceTypes.isInterceptable(event.getAnnotatedType())) {
            event.configureAnnotatedType().add(Captured.Literal.INSTANCE);
        }
    }

    void addManager(@Observes AfterBeanDiscovery event) {
        Settings settings;
        try {
            settings = SettingsSource.fromProcess();
        } catch (IllegalArgumentException e) {
            event.addDefinitionError(new DeploymentException(e.getMessage(), e));
            return;
        }
        source = new ManagerSource(settings);
        event.addBean()
                .types(SessionManager.class, Object.class)
                .scope(ApplicationScoped.class)
                .createWith(context -> new RequestAwareSessionManager(source, currentRequest(),
                        beanManager.getEvent().select(SessionStarted.class),
                        beanManager.getEvent().select(SessionEnded.class)));
    }

    /**
     * In a web application the payload is the ServletContext: its context-params complete the
     * configuration (a bad one fails the start), and the servlet filter's manager can be shared.
     */
    void webApplicationStarted(@Observes @Initialized(ApplicationScoped.class) Object payload) {
        if (source != null) {
            SettingsSource.completeWith(source, payload);
        }
    }

    void close(@Observes BeforeShutdown event) {
        if (source != null) {
            source.close();
        }
    }

    /** The JAX-RS hook of this application, for {@link SessionHealthFeature}. */
    JaxrsHook jaxrsHook() {
        JaxrsHook h = hook;
        if (h == null) {
            synchronized (this) {
                if (hook == null) {
                    if (source == null) {
                        throw new IllegalStateException("sessionhealth: the CDI extension was not initialized");
                    }
                    hook = new JaxrsHook(source, currentRequest());
                }
                h = hook;
            }
        }
        return h;
    }

    private CurrentRequest currentRequest() {
        // a client proxy: each call reaches the instance of the request being served
        return beanManager.createInstance().select(CurrentRequest.class).get();
    }
}
