package dev.sessionhealth.examples.app;

import dev.sessionhealth.SessionManager;
import dev.sessionhealth.internal.DefaultSessionManager;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.DefaultServlet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.util.resource.ResourceFactory;
import org.glassfish.jersey.servlet.ServletContainer;

/**
 * The shop as a web application at {@code /}: static pages, the JAX-RS API under {@code /rest},
 * and session tracking in front of both.
 */
public final class ShopContext {

    private ShopContext() {
    }

    public static ServletContextHandler create(SessionManager sessions) {
        ServletContextHandler shop = new ServletContextHandler("/");
        shop.setDisplayName("shop");
        shop.setBaseResource(ResourceFactory.of(shop).newClassLoaderResource("shop/"));
        if (sessions instanceof DefaultSessionManager manager) {
            shop.addFilter(new FilterHolder(new InterimSessionFilter(manager)), "/*",
                    EnumSet.of(DispatcherType.REQUEST));
        }
        shop.addServlet(new ServletHolder("rest", new ServletContainer(new ShopApplication(sessions))), "/rest/*");
        ServletHolder pages = new ServletHolder("pages", DefaultServlet.class);
        pages.setInitParameter("dirAllowed", "false");
        shop.addServlet(pages, "/");
        return shop;
    }
}
