package dev.sessionhealth.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sessionhealth.SessionOptions;
import dev.sessionhealth.examples.cluster.RoundRobinProxy;
import dev.sessionhealth.examples.cluster.ShopNode;
import dev.sessionhealth.examples.dashboard.DemoInfo;
import dev.sessionhealth.examples.dashboard.LibraryStats;
import dev.sessionhealth.examples.dashboard.StatsJson;
import dev.sessionhealth.examples.receiver.ReceiverContext;
import dev.sessionhealth.examples.receiver.ReleaseHealthBoard;
import dev.sessionhealth.examples.simulator.TrafficSimulator;
import dev.sessionhealth.internal.wire.Dsn;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.UnaryOperator;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;

/**
 * The demo as a small cluster in one JVM ({@code ./demo --cluster N}): N shop nodes, each with its
 * own Jetty on a free loopback port, its own {@code SessionManager} and its own embedded Hazelcast
 * member holding the shared session store; and in front of them, on the demo's port, a round-robin
 * proxy without sticky sessions at {@code /}, the embedded receiver that every node sends to, and
 * the dashboard. The simulator drives the proxy, so each visitor's requests spread over the nodes.
 */
public final class DemoCluster implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(DemoCluster.class.getName());
    /** How often at most a node writes a session's last activity to the cache: idle sessions end soon after the timeout. */
    private static final Duration HEARTBEAT = Duration.ofSeconds(10);

    private final Server front;
    private final List<ShopNode> nodes;
    private final ReleaseHealthBoard board;
    private final TrafficSimulator simulator;
    private final URI base;
    private final String target;
    private final boolean embedded;

    private DemoCluster(Server front, List<ShopNode> nodes, ReleaseHealthBoard board, TrafficSimulator simulator,
            URI base, String target, boolean embedded) {
        this.front = front;
        this.nodes = nodes;
        this.board = board;
        this.simulator = simulator;
        this.base = base;
        this.target = target;
        this.embedded = embedded;
    }

    /** Starts {@code config.cluster()} nodes with the library options from the environment. */
    public static DemoCluster start(DemoConfig config) throws Exception {
        return start(config, UnaryOperator.identity());
    }

    /**
     * Starts {@code config.cluster()} nodes; {@code overrides} may change the library options after
     * the environment was applied. Without a DSN the nodes send to the embedded receiver.
     *
     * @throws DemoStartException if an option is invalid or the address cannot be listened on
     */
    public static DemoCluster start(DemoConfig config, UnaryOperator<SessionOptions.Builder> overrides)
            throws Exception {
        if (config.cluster() < 1) {
            throw new IllegalArgumentException("a cluster has at least one node: " + config.cluster());
        }
        SessionOptions configured;
        try {
            // the nodes keep their sessions in the cache, so no state directory (which they would share)
            configured = overrides.apply(DemoServer.demoDefaults().storeHeartbeat(HEARTBEAT).persistence(false)
                    .applyEnvironment()).build();
        } catch (IllegalArgumentException e) {
            throw new DemoStartException("invalid library option: " + e.getMessage(), DemoStartException.BAD_OPTION, e);
        }
        Server front = new Server();
        ServerConnector connector = new ServerConnector(front);
        connector.setHost(config.host());
        connector.setPort(config.port());
        front.addConnector(connector);
        try {
            connector.open(); // bind now: a busy port fails before any node starts, and the DSN needs the port
        } catch (IOException e) {
            throw DemoServer.cannotListen(config, e);
        }
        String host = config.host().equals("0.0.0.0") || config.host().isBlank() ? "localhost" : config.host();
        URI base = URI.create("http://" + host + ":" + connector.getLocalPort() + "/");
        boolean embedded = configured.dsn() == null;
        SessionOptions options = embedded
                ? configured.toBuilder().dsn("http://demo@127.0.0.1:" + connector.getLocalPort() + "/1").build()
                : configured;
        String cluster = "sessionhealth-demo-" + HexFormat.of().formatHex(random(4));
        String cookieKey = HexFormat.of().formatHex(random(16)); // one key for every node
        List<ShopNode> nodes = new ArrayList<>();
        try {
            InetSocketAddress join = null;
            for (int n = 1; n <= config.cluster(); n++) {
                ShopNode node = ShopNode.start(n, cluster, join, options, cookieKey);
                nodes.add(node);
                join = nodes.get(0).memberAddress();
            }
        } catch (Exception | Error e) {
            closeAll(nodes);
            connector.close();
            throw e;
        }
        ReleaseHealthBoard board = new ReleaseHealthBoard(InstantSource.system(), 60, 30);
        TrafficSimulator simulator = new TrafficSimulator(base, config.users(), 16, config.think());
        String target = Dsn.parse(options.dsn()).envelopeUri().toString();
        ObjectMapper json = StatsJson.mapper();
        DemoInfo info = new DemoInfo(options.release(), options.environment(), base.toString(), target, embedded);
        front.setHandler(new ContextHandlerCollection(proxy(nodes), ReceiverContext.create(board, json),
                DemoServer.dashboard(board,
                        () -> LibraryStats.of(nodes.stream().map(n -> n.sessions().stats()).toList()), json,
                        simulator, info)));
        DemoCluster demo = new DemoCluster(front, List.copyOf(nodes), board, simulator, base, target, embedded);
        try {
            front.start();
        } catch (Exception e) {
            demo.close();
            throw e;
        }
        return demo;
    }

    private static byte[] random(int bytes) {
        byte[] out = new byte[bytes];
        new SecureRandom().nextBytes(out);
        return out;
    }

    private static ServletContextHandler proxy(List<ShopNode> nodes) {
        ServletContextHandler proxy = new ServletContextHandler("/");
        proxy.setDisplayName("round-robin proxy");
        proxy.addServlet(new ServletHolder("proxy", new RoundRobinProxy(nodes.stream().map(ShopNode::uri).toList())),
                "/*");
        return proxy;
    }

    /** The proxy: the shop as its users reach it. */
    public URI shopUri() {
        return base;
    }

    public URI dashboardUri() {
        return base.resolve("/dashboard/");
    }

    /** Where the nodes send their sessions (the envelope endpoint; never the key). */
    public String sessionsTarget() {
        return target;
    }

    /** Whether the sessions go to this demo's own receiver (no DSN configured). */
    public boolean sendsToEmbeddedReceiver() {
        return embedded;
    }

    /** The nodes, in the proxy's order. */
    public List<ShopNode> nodes() {
        return nodes;
    }

    public ReleaseHealthBoard board() {
        return board;
    }

    public TrafficSimulator simulator() {
        return simulator;
    }

    public void join() throws InterruptedException {
        front.join();
    }

    /**
     * Stops the nodes serving, closes their managers one after the other (the last one ends the
     * sessions still open, as {@code exited}, and delivers them to the receiver, which still
     * listens), stops their members (the first, the members' master, last), then stops the proxy,
     * the receiver and the dashboard.
     */
    @Override
    public void close() {
        nodes.forEach(ShopNode::stopServing);
        for (ShopNode node : nodes) {
            try {
                node.closeSessions();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "closing node " + node.number() + "'s session manager failed", e);
            }
        }
        for (int i = nodes.size() - 1; i >= 0; i--) {
            nodes.get(i).leaveCluster();
        }
        try {
            front.stop();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "stopping Jetty failed", e);
        }
    }

    private static void closeAll(List<ShopNode> nodes) {
        for (ShopNode node : nodes) {
            try {
                node.close();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "closing node " + node.number() + " failed", e);
            }
        }
    }
}
