package dev.sessionhealth.examples.app;

import dev.sessionhealth.SessionManager;
import dev.sessionhealth.servlet.SessionHealthFilter;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.DefaultServlet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.util.resource.ResourceFactory;
import org.glassfish.jersey.servlet.ServletContainer;
import org.jboss.weld.environment.servlet.Listener;

/**
 * The shop as a web application at {@code /}, put together in code the way a {@code web.xml} would:
 * CDI (Weld), the sessionhealth filter in front of everything, the JAX-RS API under {@code /rest}
 * (resources are CDI beans) and static pages. In a WAR on a full container, the filter and the CDI
 * extension register themselves and only the application's own classes remain.
 */
public final class ShopContext {

    private ShopContext() {
    }

    /**
     * @param sessions the manager the filter and CDI injection share (the demo configures it to send
     *     to the embedded receiver); without one, they would create one from the configuration
     */
    public static ServletContextHandler create(SessionManager sessions) {
        return create(sessions, null);
    }

    /**
     * As above, with the key that signs the session cookie ({@code null}: a random one per start).
     * The nodes of a cluster share one, so that each accepts the cookies the others issued.
     */
    public static ServletContextHandler create(SessionManager sessions, String cookieKey) {
        ServletContextHandler shop = new ServletContextHandler("/");
        if (cookieKey != null) {
            shop.setInitParameter("sessionhealth.cookieKey", cookieKey); // a context-param, as in web.xml
        }
        shop.setDisplayName("shop");
        shop.setBaseResource(ResourceFactory.of(shop).newClassLoaderResource("shop/"));
        shop.setAttribute(SessionHealthFilter.MANAGER_ATTRIBUTE, sessions);
        shop.addEventListener(new Listener()); // Weld: CDI for the web application

        FilterHolder tracking = new FilterHolder(SessionHealthFilter.class);
        tracking.setName("sessionhealth");
        tracking.setAsyncSupported(true);
        shop.addFilter(tracking, "/*", EnumSet.allOf(DispatcherType.class));

        ServletHolder rest = new ServletHolder("rest", ServletContainer.class);
        rest.setInitParameter("jakarta.ws.rs.Application", ShopApplication.class.getName());
        rest.setInitOrder(1);
        shop.addServlet(rest, "/rest/*");

        ServletHolder pages = new ServletHolder("pages", DefaultServlet.class);
        pages.setInitParameter("dirAllowed", "false");
        shop.addServlet(pages, "/");
        return shop;
    }
}
