package dev.sessionhealth.cdi;

import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import java.util.Set;

/**
 * Hands the web application's ServletContext to the {@link SessionHealthExtension} when the
 * application starts, so that the extension and the servlet filter share one manager. Most CDI
 * containers pass the ServletContext as the payload of {@code @Initialized(ApplicationScoped.class)};
 * WildFly passes its own event object instead, and without this the extension created a second
 * manager, to which the sessions the filter started were reported half. Registered through
 * {@code META-INF/services}; not meant to be used directly. Does nothing where CDI is not running
 * yet (that container passes the ServletContext in the event) or the extension is not enabled.
 */
public final class SessionHealthServletInitializer implements ServletContainerInitializer {

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) throws ServletException {
        SessionHealthExtension extension;
        try {
            BeanManager beans = CDI.current().getBeanManager();
            extension = beans.getExtension(SessionHealthExtension.class);
        } catch (IllegalStateException | IllegalArgumentException notHere) {
            return;
        }
        try {
            extension.webApplicationStarted(context);
        } catch (DeploymentException e) {
            throw new ServletException(e.getMessage(), e);
        }
    }
}
