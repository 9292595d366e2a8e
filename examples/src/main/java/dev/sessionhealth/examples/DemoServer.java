package dev.sessionhealth.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sessionhealth.SessionManager;
import dev.sessionhealth.SessionOptions;
import dev.sessionhealth.examples.app.ShopContext;
import dev.sessionhealth.examples.dashboard.DashboardServlet;
import dev.sessionhealth.examples.dashboard.LibraryStats;
import dev.sessionhealth.examples.dashboard.DemoInfo;
import dev.sessionhealth.examples.dashboard.StatsJson;
import dev.sessionhealth.examples.receiver.ReceiverContext;
import dev.sessionhealth.examples.receiver.ReleaseHealthBoard;
import dev.sessionhealth.examples.simulator.TrafficSimulator;
import dev.sessionhealth.internal.wire.Dsn;
import java.io.IOException;
import java.net.BindException;
import java.net.URI;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Locale;
import java.util.function.UnaryOperator;
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
    private final boolean embedded;

    private DemoServer(Server server, SessionManager sessions, ReleaseHealthBoard board, TrafficSimulator simulator,
            URI base, String target, boolean embedded) {
        this.server = server;
        this.sessions = sessions;
        this.board = board;
        this.simulator = simulator;
        this.base = base;
        this.target = target;
        this.embedded = embedded;
    }

    /** Starts the demo with the library options from the environment (and system properties). */
    public static DemoServer start(DemoConfig config) throws Exception {
        return start(config, UnaryOperator.identity());
    }

    /**
     * Starts the demo; {@code overrides} may change the library options after the environment was
     * applied (a DSN, a state directory). Without a DSN the sessions go to the embedded receiver.
     *
     * @throws DemoStartException if an option is invalid or the address cannot be listened on
     */
    public static DemoServer start(DemoConfig config, UnaryOperator<SessionOptions.Builder> overrides)
            throws Exception {
        SessionOptions configured;
        try {
            configured = overrides.apply(defaults()).build();
        } catch (IllegalArgumentException e) {
            throw new DemoStartException("invalid library option: " + e.getMessage(), DemoStartException.BAD_OPTION, e);
        }
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(config.host());
        connector.setPort(config.port());
        server.addConnector(connector);
        try {
            connector.open(); // bind now: the embedded DSN needs the actual port
        } catch (IOException e) {
            throw cannotListen(config, e);
        }
        String host = config.host().equals("0.0.0.0") || config.host().isBlank() ? "localhost" : config.host();
        URI base = URI.create("http://" + host + ":" + connector.getLocalPort() + "/");
        boolean embedded = configured.dsn() == null;
        SessionOptions options = embedded
                ? configured.toBuilder().dsn("http://demo@127.0.0.1:" + connector.getLocalPort() + "/1").build()
                : configured;
        SessionManager sessions = SessionManager.create(options);
        ReleaseHealthBoard board = new ReleaseHealthBoard(InstantSource.system(), 60, 30);
        TrafficSimulator simulator = new TrafficSimulator(base, config.users(), 16, config.think());
        String target = Dsn.parse(options.dsn()).envelopeUri().toString();
        ObjectMapper json = StatsJson.mapper();
        DemoInfo info = new DemoInfo(options.release(), options.environment(), base.toString(), target, embedded);
        server.setHandler(new ContextHandlerCollection(ShopContext.create(sessions),
                ReceiverContext.create(board, json),
                dashboard(board, () -> LibraryStats.of(sessions.stats()), json, simulator, info)));
        DemoServer demo = new DemoServer(server, sessions, board, simulator, base, target, embedded);
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
     * moves), then whatever the environment and system properties set.
     */
    static SessionOptions.Builder defaults() {
        return demoDefaults().applyEnvironment();
    }

    /** The demo's defaults without the environment. */
    static SessionOptions.Builder demoDefaults() {
        return SessionOptions.builder()
                .release(DEFAULT_RELEASE)
                .environment("demo")
                .flushInterval(Duration.ofSeconds(1))
                .sessionTimeout(Duration.ofMinutes(2));
    }

    /** One line that says what to change: a busy port is the common case. */
    static DemoStartException cannotListen(DemoConfig config, IOException e) {
        Throwable cause = e;
        while (cause != null && !(cause instanceof BindException)) {
            cause = cause.getCause();
        }
        Throwable bind = cause != null && cause.getMessage() != null ? cause : e;
        String reason = String.valueOf(bind.getMessage());
        String where = config.host() + ":" + config.port();
        int other = config.port() == 9090 ? 9091 : 9090;
        String message;
        if (reason.toLowerCase(Locale.ROOT).contains("in use")) {
            message = "port " + config.port() + " is already in use (" + where + "): start on another one with"
                    + " ./demo --port " + other + " or PORT=" + other + " ./demo (--port 0 picks a free one)";
        } else {
            message = "cannot listen on " + where + " (" + reason + "): choose another address or port with"
                    + " --host 127.0.0.1 / HOST=127.0.0.1 or --port " + other + " / PORT=" + other;
        }
        return new DemoStartException(message, DemoStartException.CANNOT_LISTEN, e);
    }

    /** The dashboard's context, with the library's counters from {@code library}. */
    static ServletContextHandler dashboard(ReleaseHealthBoard board, java.util.function.Supplier<LibraryStats> library,
            ObjectMapper json, TrafficSimulator simulator, DemoInfo info) {
        ServletContextHandler dashboard = new ServletContextHandler("/dashboard");
        dashboard.setDisplayName("dashboard");
        dashboard.addServlet(new ServletHolder("dashboard", new DashboardServlet(board, library, json, simulator, info)),
                "/*");
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

    /** Whether the sessions go to this demo's own receiver (no DSN configured). */
    public boolean sendsToEmbeddedReceiver() {
        return embedded;
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
