package dev.sessionhealth.cdi;

import dev.sessionhealth.cdi.internal.CdiServletConfig;
import dev.sessionhealth.internal.config.InvalidConfigurationException;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import java.util.Set;

/**
 * Reads and validates the web application's configuration when it starts, before any request, so
 * that a bad value fails the deployment (also without the servlet filter); then hands the web
 * application's ServletContext to the {@link SessionHealthExtension} when the
 * application starts, so that the extension and the servlet filter share one manager. Most CDI
 * containers pass the ServletContext as the payload of {@code @Initialized(ApplicationScoped.class)};
 * WildFly passes its own event object instead, and without this the extension created a second
 * manager, to which the sessions the filter started were reported half. Registered through
 * {@code META-INF/services}; not meant to be used directly.
 *
 * <p>Does nothing where the CDI API is missing (this class names no CDI type, so a container can load
 * it in any web application that has this jar). Hands nothing off where CDI is not running yet (that
 * container passes the ServletContext in the event) or where the extension is not enabled.
 */
public final class SessionHealthServletInitializer implements ServletContainerInitializer {

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) throws ServletException {
        if (!cdiApiPresent()) {
            return; // this module is inert here; the servlet module's initializer, if any, validates
        }
        try {
            CdiServletConfig.atStartup(context);
        } catch (InvalidConfigurationException e) {
            throw new ServletException(e.getMessage(), e); // fails the deployment, on every container
        }
        CdiHandOff.handOff(context);
    }

    private static boolean cdiApiPresent() {
        try {
            Class.forName("jakarta.enterprise.inject.spi.CDI", false,
                    SessionHealthServletInitializer.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
