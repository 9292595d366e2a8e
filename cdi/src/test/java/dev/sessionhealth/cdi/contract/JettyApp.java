package dev.sessionhealth.cdi.contract;

import jakarta.servlet.Servlet;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.NetworkConnector;
import org.eclipse.jetty.server.Server;
import org.jboss.weld.environment.servlet.Listener;

/**
 * Embedded Jetty 12 (ee10) on 127.0.0.1 with Weld's servlet integration and one JAX-RS servlet
 * under {@code /api/*}, started at deployment so that a failing deployment fails {@link #start}.
 */
public final class JettyApp implements AppServer {

    private final Server server;
    private final URI base;

    private JettyApp(Server server) {
        this.server = server;
        int port = ((NetworkConnector) server.getConnectors()[0]).getLocalPort();
        this.base = URI.create("http://127.0.0.1:" + port + "/api/");
    }

    /**
     * @param customizer adds what else the runtime needs (context-params, listeners, filters)
     */
    public static JettyApp start(Map<String, String> contextParams, Map<String, Object> attributes, Servlet jaxrs,
            java.util.function.Consumer<ServletContextHandler> customizer) throws Exception {
        Server server = new Server(new InetSocketAddress("127.0.0.1", 0));
        ServletContextHandler context = new ServletContextHandler("/");
        contextParams.forEach(context::setInitParameter);
        attributes.forEach(context::setAttribute);
        context.addEventListener(new Listener());
        customizer.accept(context);
        ServletHolder holder = new ServletHolder("jaxrs", jaxrs);
        holder.setInitOrder(1);
        context.addServlet(holder, "/api/*");
        server.setHandler(context);
        try {
            server.start();
            if (!context.isAvailable()) {
                throw new IllegalStateException("the web application is unavailable");
            }
        } catch (Exception | Error e) {
            server.stop();
            throw e;
        }
        return new JettyApp(server);
    }

    @Override
    public URI base() {
        return base;
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
