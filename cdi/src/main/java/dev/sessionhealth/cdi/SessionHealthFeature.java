package dev.sessionhealth.cdi;

import dev.sessionhealth.cdi.internal.TrackingFilter;
import dev.sessionhealth.cdi.internal.jersey.JerseySupport;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/**
 * The JAX-RS hook: counts each JAX-RS request once (or leaves that to the servlet filter when it
 * is installed) and classifies exceptions thrown by resources as errored or crashed. It registers
 * no exception mapper, so the application's own mappers keep working.
 *
 * <p>Found by runtimes that scan for {@code @Provider} classes (Jersey and RESTEasy, WildFly
 * included, scan when the application's {@code Application} lists no classes); otherwise register
 * it once, e.g. {@code resourceConfig.register(SessionHealthFeature.class)} or in
 * {@code Application#getClasses()}. Deliberately not listed in
 * {@code META-INF/services/jakarta.ws.rs.ext.Providers}: RESTEasy would register it from there as
 * well as from its scan, and warn {@code RESTEASY002155} on every deployment.
 * Needs the CDI extension of this module (a CDI container in the application).
 */
@Provider
@ConstrainedTo(RuntimeType.SERVER)
public final class SessionHealthFeature implements Feature {

    private static final Logger LOG = System.getLogger("dev.sessionhealth.cdi");

    @Override
    public boolean configure(FeatureContext context) {
        SessionHealthExtension extension;
        try {
            extension = CDI.current().getBeanManager().getExtension(SessionHealthExtension.class);
        } catch (IllegalStateException | IllegalArgumentException e) {
            LOG.log(Level.WARNING, "sessionhealth: no CDI container with the sessionhealth extension; "
                    + "JAX-RS requests are not tracked by the JAX-RS hook", e);
            return false;
        }
        context.register(new TrackingFilter(extension.jaxrsHook()), TrackingFilter.PRIORITY);
        JerseySupport.registerIfPresent(context); // sees exceptions of non-bean resources too
        return true;
    }
}
