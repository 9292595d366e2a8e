package dev.sessionhealth.servlet;

import dev.sessionhealth.Session;
import dev.sessionhealth.SessionManager;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A separate JVM for the SIGKILL scenario: a web application on Jetty with the filter configured
 * only by init-params (the manager is the filter's own), serving until it is killed. Prints
 * {@code READY <port>} when it serves. Arguments: DSN, state directory, then any further init-params
 * as {@code name=value} (they replace the defaults, e.g. {@code sessionTimeout=2s}).
 */
public final class KilledWebApp {

    private KilledWebApp() {
    }

    public static void main(String[] args) throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(50, 4);
        Server server = new Server(threads);
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/shop");
        FilterHolder filter = new FilterHolder(SessionHealthFilter.class);
        Map<String, String> params = new HashMap<>(Map.of("dsn", args[0], "release", "shop@1.0.0",
                "stateDirectory", args[1], "journalInterval", "100ms", "flushInterval", "200ms"));
        for (int i = 2; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            params.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        filter.setInitParameters(params);
        filter.setAsyncSupported(true);
        context.addFilter(filter, "/*", EnumSet.allOf(DispatcherType.class));
        context.addServlet(new ServletHolder(new Pages()), "/app/*");
        server.setHandler(context);
        server.start();
        System.out.println("READY " + connector.getLocalPort());
        System.out.flush();
        server.join();
    }

    /**
     * {@code /app/sid} answers the session's id; {@code /app/handled} records a handled error first;
     * {@code /app/end} ends the session ({@code exited}) after answering its id; {@code /app/boom}
     * throws, so the session ends {@code crashed}.
     */
    static final class Pages extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            SessionManager manager = (SessionManager) getServletContext().getAttribute(SessionHealthFilter.MANAGER_ATTRIBUTE);
            if ("/handled".equals(req.getPathInfo())) {
                manager.recordError(true);
            }
            if ("/boom".equals(req.getPathInfo())) {
                throw new IllegalStateException("boom");
            }
            resp.setContentType("text/plain");
            resp.getWriter().write(manager.currentSession().map(Session::sid).orElse("none"));
            if ("/end".equals(req.getPathInfo())) {
                manager.endSession();
            }
        }
    }
}
