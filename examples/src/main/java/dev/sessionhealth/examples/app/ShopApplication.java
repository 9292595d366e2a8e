package dev.sessionhealth.examples.app;

import dev.sessionhealth.cdi.SessionHealthFeature;
import jakarta.ws.rs.core.Application;
import java.util.Set;

/**
 * The shop's JAX-RS application. {@link SessionHealthFeature} is the sessionhealth hook that tells
 * handled from unhandled exceptions; runtimes that scan for providers find it by themselves.
 */
public class ShopApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(BookResource.class, OrderResource.class, SessionResource.class, SessionHealthFeature.class);
    }
}
