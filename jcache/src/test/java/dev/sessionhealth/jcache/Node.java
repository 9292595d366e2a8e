package dev.sessionhealth.jcache;

import com.hazelcast.cache.HazelcastCachingProvider;
import com.hazelcast.cache.HazelcastMemberCachingProvider;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.sessionhealth.Session;
import dev.sessionhealth.SessionManager;
import dev.sessionhealth.SessionOptions;
import dev.sessionhealth.servlet.SessionHealthFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.InstantSource;
import java.util.EnumSet;
import javax.cache.CacheManager;
import javax.cache.spi.CachingProvider;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.servlet.SessionHandler;
import org.eclipse.jetty.session.DefaultSessionIdManager;
import org.eclipse.jetty.session.NullSessionCache;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * One node of a test cluster: a Hazelcast member (TCP join on 127.0.0.1, no multicast), the JCache
 * cache on it, a session manager storing its sessions there and sending to the test's ingest, and an
 * embedded Jetty with the session health filter (cookie mode, the cluster's one cookie key) in front
 * of a small application: {@code /sid} answers the current sid, {@code /handled} records a handled
 * error, {@code /boom} throws.
 */
final class Node implements AutoCloseable {

    static final String COOKIE_KEY = "one-key-for-every-node-of-the-cluster";
    /**
     * How long requests wait for the cache in the tests that are not about a slow grid: three members
     * and two dozen clients on two loaded cores sometimes take more than the 2 s default, and a node
     * that goes offline splits the users it starts meanwhile, which those tests would count.
     */
    static final long PATIENT_MILLIS = 30_000;

    final String name;
    final HazelcastInstance member;
    final CacheManager caches;
    final SessionManager manager;
    private final Server server;
    final URI base;
    /** What the node's store asked of the cache. */
    final CacheCalls calls;

    private Node(String name, HazelcastInstance member, CacheManager caches, SessionManager manager, Server server,
            URI base, CacheCalls calls) {
        this.calls = calls;
        this.name = name;
        this.member = member;
        this.caches = caches;
        this.manager = manager;
        this.server = server;
        this.base = base;
    }

    static Node start(String name, String cluster, int port, SessionOptions options, InstantSource clock,
            Duration heartbeat) throws Exception {
        return start(name, cluster, port, options, clock, heartbeat, null);
    }

    /**
     * As above; with {@code sharedSessions}, the filter runs in HTTP-session mode and the container
     * keeps its HTTP sessions serialized in that map, shared with the other nodes, with no session
     * cache (every request reads the session as the last node wrote it), as a container that
     * replicates or persists sessions does.
     */
    static Node start(String name, String cluster, int port, SessionOptions options, InstantSource clock,
            Duration heartbeat, java.util.Map<String, byte[]> sharedSessions) throws Exception {
        HazelcastInstance member = Hazelcast.newHazelcastInstance(memberConfig(name, cluster, port));
        return start(name, member, new HazelcastMemberCachingProvider(), options, clock, heartbeat,
                PATIENT_MILLIS, sharedSessions);
    }

    /** A member node whose requests wait for the cache at most {@code timeoutMillis}. */
    static Node start(String name, String cluster, int port, SessionOptions options, InstantSource clock,
            Duration heartbeat, long timeoutMillis) throws Exception {
        HazelcastInstance member = Hazelcast.newHazelcastInstance(memberConfig(name, cluster, port));
        return start(name, member, new HazelcastMemberCachingProvider(), options, clock, heartbeat, timeoutMillis,
                null);
    }

    /**
     * A node whose store is a Hazelcast client of the cluster's members at {@code memberPort}
     * (and the nine ports above it), with requests waiting for the cache at most {@code timeoutMillis}.
     */
    static Node startClient(String name, String cluster, int memberPort, SessionOptions options, InstantSource clock,
            Duration heartbeat, long timeoutMillis) throws Exception {
        com.hazelcast.client.config.ClientConfig config = new com.hazelcast.client.config.ClientConfig();
        config.setInstanceName(cluster + "-" + name);
        config.setClusterName(cluster);
        config.setProperty("hazelcast.logging.type", "jdk");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        for (int p = memberPort; p < memberPort + 10; p++) {
            config.getNetworkConfig().addAddress("127.0.0.1:" + p);
        }
        HazelcastInstance client = com.hazelcast.client.HazelcastClient.newHazelcastClient(config);
        return start(name, client, new com.hazelcast.client.cache.HazelcastClientCachingProvider(), options, clock,
                heartbeat, timeoutMillis, null);
    }

    private static Node start(String name, HazelcastInstance member, CachingProvider provider, SessionOptions options,
            InstantSource clock, Duration heartbeat, long timeoutMillis, java.util.Map<String, byte[]> sharedSessions)
            throws Exception {
        // a provider of its own per node (Caching keeps one per class loader, and every node of the
        // test shares one), with the default URI: the cache's name in the grid includes the URI
        CacheManager caches = provider.getCacheManager(provider.getDefaultURI(), Node.class.getClassLoader(),
                HazelcastCachingProvider.propertiesByInstanceItself(member));
        CacheCalls calls = new CacheCalls();
        SessionManager manager = SessionManager.builder(options).clock(clock)
                .storage(JCacheStorage.of(calls.counting(JCacheStorage.cache(caches))).heartbeat(heartbeat)
                        .timeout(Duration.ofMillis(timeoutMillis))).build();
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/",
                sharedSessions == null ? ServletContextHandler.NO_SESSIONS : ServletContextHandler.SESSIONS);
        context.setAttribute(SessionHealthFilter.MANAGER_ATTRIBUTE, manager);
        FilterHolder filter = context.addFilter(SessionHealthFilter.class, "/*", EnumSet.of(DispatcherType.REQUEST));
        filter.setInitParameter("cookieKey", COOKIE_KEY);
        if (sharedSessions != null) {
            filter.setInitParameter("mode", "httpSession");
            DefaultSessionIdManager ids = new DefaultSessionIdManager(server);
            ids.setWorkerName(name);
            server.addBean(ids, true);
            SessionHandler sessions = context.getSessionHandler();
            SharedSessionDataStore store = new SharedSessionDataStore(sharedSessions);
            NullSessionCache cache = new NullSessionCache(sessions);
            cache.setSessionDataStore(store);
            sessions.setSessionCache(cache);
        }
        context.addServlet(new ServletHolder(new App(manager)), "/*");
        server.setHandler(context);
        server.start();
        return new Node(name, member, caches, manager, server,
                URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/"), calls);
    }

    static Config memberConfig(String name, String cluster, int port) {
        Config config = new Config();
        config.setInstanceName(cluster + "-" + name);
        config.setClusterName(cluster);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "jdk");
        config.setProperty("hazelcast.wait.seconds.before.join", "0");
        config.setProperty("hazelcast.local.localAddress", "127.0.0.1");
        config.getNetworkConfig().setPort(port).setPortAutoIncrement(true).setPortCount(10);
        config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        JoinConfig join = config.getNetworkConfig().getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true);
        for (int p = port; p < port + 10; p++) {
            join.getTcpIpConfig().addMember("127.0.0.1:" + p);
        }
        return config;
    }

    /** Stops serving, then closes the manager (a graceful shutdown of the node), then leaves the cluster. */
    @Override
    public void close() throws Exception {
        try {
            server.stop();
            manager.close();
            caches.close();
        } finally {
            member.shutdown();
        }
    }

    /** Kills the node without its manager's shutdown: what other nodes see of a process killed with -9. */
    void kill() throws Exception {
        server.stop();
        member.getLifecycleService().terminate();
    }

    private static final class App extends HttpServlet {
        private static final long serialVersionUID = 1L;
        private final transient SessionManager manager;

        App(SessionManager manager) {
            this.manager = manager;
        }

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            switch (req.getPathInfo() == null ? req.getServletPath() : req.getServletPath() + req.getPathInfo()) {
                case "/boom" -> throw new IllegalStateException("boom");
                case "/handled" -> manager.recordError(true);
                case "/invalidate" -> {
                    req.getSession().invalidate(); // a logout: the HTTP session, and with it the tracked one, ends
                    resp.getWriter().write("bye");
                    return;
                }
                default -> {
                }
            }
            resp.setContentType("text/plain");
            resp.getWriter().write(manager.currentSession().map(Session::sid).orElse("none"));
        }
    }
}
