package dev.sessionhealth.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sessionhealth.SessionManager;
import dev.sessionhealth.SessionOptions;
import dev.sessionhealth.examples.app.ShopContext;
import dev.sessionhealth.examples.dashboard.DashboardServlet;
import dev.sessionhealth.examples.dashboard.DemoInfo;
import dev.sessionhealth.examples.dashboard.StatsJson;
import dev.sessionhealth.examples.receiver.ReceiverContext;
import dev.sessionhealth.examples.receiver.ReleaseHealthBoard;
import dev.sessionhealth.examples.simulator.TrafficSimulator;
import dev.sessionhealth.internal.Dsn;
import java.net.URI;
import java.time.Duration;
import java.time.InstantSource;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;

/**
 * The whole demo in one embedded Jetty: the shop at {@code /}, the embedded receiver at
 * {@code /api/{project}/envelope/} (Sentry's path) and the dashboard at {@code /dashboard/}.
 * Without a configured DSN the shop's sessions go to the embedded receiver of this very server.
 */
public final class DemoServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(DemoServer.class.getName());
    private static final String DEFAULT_RELEASE = "bookshop@1.4.2";

    private final Server server;
    private final SessionManager sessions;
    private final ReleaseHealthBoard board;
    private final TrafficSimulator simulator;
    private final URI base;
    private final String target;

    private DemoServer(Server server, SessionManager sessions, ReleaseHealthBoard board, TrafficSimulator simulator,
            URI base, String target) {
        this.server = server;
        this.sessions = sessions;
        this.board = board;
        this.simulator = simulator;
        this.base = base;
        this.target = target;
    }

    public static DemoServer start(DemoConfig config) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(config.host());
        connector.setPort(config.port());
        server.addConnector(connector);
        connector.open(); // bind now: the embedded DSN needs the actual port
        String host = config.host().equals("0.0.0.0") || config.host().isBlank() ? "localhost" : config.host();
        URI base = URI.create("http://" + host + ":" + connector.getLocalPort() + "/");
        SessionOptions options = options("http://demo@127.0.0.1:" + connector.getLocalPort() + "/1");
        SessionManager sessions = SessionManager.create(options);
        ReleaseHealthBoard board = new ReleaseHealthBoard(InstantSource.system(), 60, 30);
        TrafficSimulator simulator = new TrafficSimulator(base, config.users(), 16, config.think());
        String target = Dsn.parse(options.dsn()).envelopeUri().toString();
        ObjectMapper json = StatsJson.mapper();
        DemoInfo info = new DemoInfo(options.release(), options.environment(), base.toString(), target);
        server.setHandler(new ContextHandlerCollection(ShopContext.create(sessions),
                ReceiverContext.create(board, json), dashboard(board, json, simulator, info)));
        DemoServer demo = new DemoServer(server, sessions, board, simulator, base, target);
        try {
            server.start();
        } catch (Exception e) {
            demo.close();
            throw e;
        }
        return demo;
    }

    /**
     * The demo's defaults (a release, short flush interval and session timeout so the dashboard
     * moves), then whatever the environment sets; the embedded receiver unless a DSN is configured.
     */
    static SessionOptions options(String embeddedDsn) {
        SessionOptions.Builder builder = SessionOptions.builder()
                .release(DEFAULT_RELEASE)
                .environment("demo")
                .flushInterval(Duration.ofSeconds(1))
                .sessionTimeout(Duration.ofMinutes(2))
                .applyEnvironment();
        if (builder.build().dsn() == null) {
            builder.dsn(embeddedDsn);
        }
        return builder.build();
    }

    private static ServletContextHandler dashboard(ReleaseHealthBoard board, ObjectMapper json,
            TrafficSimulator simulator, DemoInfo info) {
        ServletContextHandler dashboard = new ServletContextHandler("/dashboard");
        dashboard.setDisplayName("dashboard");
        dashboard.addServlet(new ServletHolder("dashboard", new DashboardServlet(board, json, simulator, info)), "/*");
        return dashboard;
    }

    public URI shopUri() {
        return base;
    }

    public URI dashboardUri() {
        return base.resolve("/dashboard/");
    }

    /** Where the sessions are sent (the envelope endpoint; never the key). */
    public String sessionsTarget() {
        return target;
    }

    public SessionManager sessions() {
        return sessions;
    }

    public ReleaseHealthBoard board() {
        return board;
    }

    public TrafficSimulator simulator() {
        return simulator;
    }

    public void join() throws InterruptedException {
        server.join();
    }

    /** Ends the open sessions and delivers them (the receiver still listens), then stops Jetty. */
    @Override
    public void close() {
        sessions.close();
        try {
            server.stop();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "stopping Jetty failed", e);
        }
    }
}
