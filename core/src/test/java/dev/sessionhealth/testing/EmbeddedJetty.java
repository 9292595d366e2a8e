package dev.sessionhealth.testing;

import java.net.URI;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/** Embedded Jetty 12 (ee10) with sessions enabled. */
final class EmbeddedJetty implements EmbeddedContainer {

    private Server server;
    private URI base;

    @Override
    public synchronized URI start(WebApp app) throws Exception {
        if (server != null) {
            throw new IllegalStateException("already running at " + base);
        }
        QueuedThreadPool threads = new QueuedThreadPool(200, 8);
        threads.setName("jetty-test");
        Server starting = new Server(threads);
        ServerConnector connector = new ServerConnector(starting);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        connector.setAcceptQueueSize(1024);
        starting.addConnector(connector);
        String path = app.contextPath().isEmpty() ? "/" : app.contextPath();
        ServletContextHandler context = new ServletContextHandler(path, ServletContextHandler.SESSIONS);
        if (app.docBase() != null) {
            context.setBaseResourceAsPath(app.docBase());
        }
        app.params().forEach(context::setInitParameter);
        app.attributes().forEach(context::setAttribute);
        app.listeners().forEach(context::addEventListener);
        for (WebApp.FilterDeclaration f : app.filters()) {
            FilterHolder holder = new FilterHolder(f.type());
            holder.setName(f.name());
            holder.setInitParameters(f.initParams());
            holder.setAsyncSupported(true);
            context.addFilter(holder, f.urlPattern(), f.dispatchers());
        }
        for (WebApp.ServletDeclaration s : app.servlets()) {
            ServletHolder holder = new ServletHolder(s.name(), s.servlet());
            holder.setInitOrder(1);
            context.addServlet(holder, s.urlPattern());
        }
        for (WebApp.Initializer i : app.initializers()) {
            if (i.classes() == null) {
                context.addServletContainerInitializer(i.initializer());
            } else {
                context.addServletContainerInitializer(i.initializer(), i.classes().toArray(new Class<?>[0]));
            }
        }
        starting.setHandler(context);
        try {
            starting.start(); // Jetty throws what failed the deployment
            if (!context.isAvailable()) {
                throw new IllegalStateException("the application did not start");
            }
        } catch (Exception | Error e) {
            try {
                starting.stop();
            } catch (Exception stop) {
                e.addSuppressed(stop);
            }
            throw e;
        }
        server = starting;
        base = URI.create("http://127.0.0.1:" + connector.getLocalPort() + app.basePath());
        return base;
    }

    @Override
    public synchronized URI base() {
        if (base == null) {
            throw new IllegalStateException("not started");
        }
        return base;
    }

    @Override
    public synchronized void close() throws Exception {
        if (server != null) {
            Server stopping = server;
            server = null;
            stopping.stop();
        }
    }

    @Override
    public String toString() {
        return "Jetty 12 ee10";
    }
}
