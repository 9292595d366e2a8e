package dev.sessionhealth.examples.app;

import dev.sessionhealth.SessionManager;
import org.glassfish.jersey.server.ResourceConfig;

/** The shop's JAX-RS application: its resources, wired by hand. */
public final class ShopApplication extends ResourceConfig {

    public ShopApplication(SessionManager sessions) {
        Catalog catalog = new Catalog();
        register(new BookResource(catalog, new ReviewService(), sessions));
        register(new OrderResource(catalog));
        register(new SessionResource(sessions));
    }
}
