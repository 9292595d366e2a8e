package dev.sessionhealth.servlet;

import jakarta.servlet.ServletContainerInitializer;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/** Embedded Jetty 12 (ee10) with sessions enabled. */
final class JettyContainer implements TestContainer {

    private Server server;

    @Override
    public URI start(List<ServletContainerInitializer> initializers, Path docBase) throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(200, 8);
        threads.setName("jetty-test");
        server = new Server(threads);
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        connector.setAcceptQueueSize(1024);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/shop", ServletContextHandler.SESSIONS);
        if (docBase != null) {
            context.setBaseResourceAsPath(docBase);
        }
        for (ServletContainerInitializer sci : initializers) {
            context.addServletContainerInitializer(sci);
        }
        server.setHandler(context);
        server.start();
        if (!context.isAvailable()) {
            throw new IllegalStateException("the application did not start");
        }
        return URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/shop/");
    }

    @Override
    public void close() throws Exception {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    @Override
    public String toString() {
        return "Jetty 12 ee10";
    }
}
