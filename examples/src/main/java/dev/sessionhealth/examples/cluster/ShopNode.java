package dev.sessionhealth.examples.cluster;

import com.hazelcast.cache.HazelcastCachingProvider;
import com.hazelcast.cache.HazelcastMemberCachingProvider;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.sessionhealth.SessionManager;
import dev.sessionhealth.SessionOptions;
import dev.sessionhealth.examples.app.ShopContext;
import dev.sessionhealth.jcache.JCacheStorage;
import java.net.InetSocketAddress;
import java.net.URI;
import javax.cache.CacheManager;
import javax.cache.spi.CachingProvider;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * One node of the demo cluster, as a separate server of a real cluster would be: an embedded
 * Hazelcast member (TCP join on 127.0.0.1, no multicast), a JCache cache on it, a
 * {@link SessionManager} that keeps its sessions in that cache, and the shop on a Jetty of its own
 * on a free loopback port. Every node uses the same cookie key, so a cookie issued by one is valid on
 * all of them, and the cache makes a user's requests one session whichever node serves them.
 */
public final class ShopNode implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ShopNode.class.getName());

    private final int number;
    private final HazelcastInstance member;
    private final CacheManager caches;
    private final SessionManager sessions;
    private final Server server;
    private final URI uri;

    private ShopNode(int number, HazelcastInstance member, CacheManager caches, SessionManager sessions, Server server,
            URI uri) {
        this.number = number;
        this.member = member;
        this.caches = caches;
        this.sessions = sessions;
        this.server = server;
        this.uri = uri;
    }

    /**
     * Starts node {@code number}: its Hazelcast member joins the members at {@code join} (none for the
     * first node), in the Hazelcast cluster {@code cluster}.
     */
    public static ShopNode start(int number, String cluster, InetSocketAddress join, SessionOptions options, String cookieKey)
            throws Exception {
        HazelcastInstance member = Hazelcast.newHazelcastInstance(memberConfig(cluster, number, join));
        CacheManager caches = null;
        SessionManager sessions = null;
        Server server = null;
        try {
            // a provider per member (Caching keeps one per class loader, which every node of this JVM shares)
            CachingProvider provider = new HazelcastMemberCachingProvider();
            caches = provider.getCacheManager(provider.getDefaultURI(), ShopNode.class.getClassLoader(),
                    HazelcastCachingProvider.propertiesByInstanceItself(member));
            sessions = SessionManager.builder(options)
                    .storage(JCacheStorage.of(JCacheStorage.cache(caches)).heartbeat(options.storeHeartbeat())
                            .timeout(options.storeTimeout()))
                    .build();
            server = new Server();
            ServerConnector connector = new ServerConnector(server);
            connector.setHost("127.0.0.1");
            connector.setPort(0);
            server.addConnector(connector);
            String container = cluster + "-node" + number; // the node's CDI container
            ServletContextHandler shop = ShopContext.create(sessions, cookieKey);
            shop.setInitParameter(NodeCdi.CONTAINER_ID_PARAM, container);
            server.setHandler(shop);
            Server starting = server;
            NodeCdi.starting(shop.getServletContext(), () -> {
                starting.start();
                return null;
            });
            return new ShopNode(number, member, caches, sessions, server,
                    URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/"));
        } catch (Exception | Error e) {
            stopQuietly(server, sessions, caches, member);
            throw e;
        }
    }

    /**
     * A member on 127.0.0.1 only (bound there, not on every interface), on the first free port from
     * 5701, that joins the others by TCP at {@code join}. No multicast, no auto-detection, no phone
     * home, and no shutdown hook of its own: the demo's shutdown closes the managers before the members.
     */
    private static Config memberConfig(String cluster, int number, InetSocketAddress join) {
        Config config = new Config();
        config.setClusterName(cluster);
        config.setInstanceName(cluster + "-node" + number);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "jdk");
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        config.setProperty("hazelcast.wait.seconds.before.join", "0");
        config.setProperty("hazelcast.socket.bind.any", "false");
        config.setProperty("hazelcast.local.localAddress", "127.0.0.1");
        config.getNetworkConfig().setPort(5701).setPortAutoIncrement(true).setPortCount(200);
        config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        JoinConfig joining = config.getNetworkConfig().getJoin();
        joining.getMulticastConfig().setEnabled(false);
        joining.getAutoDetectionConfig().setEnabled(false);
        joining.getTcpIpConfig().setEnabled(true);
        if (join != null) {
            joining.getTcpIpConfig().addMember(join.getHostString() + ":" + join.getPort());
        }
        return config;
    }

    /** 1 for the first node. */
    public int number() {
        return number;
    }

    /** The node's own shop, without the proxy. */
    public URI uri() {
        return uri;
    }

    /** Where the node's Hazelcast member listens: the next nodes join it there. */
    public InetSocketAddress memberAddress() {
        return member.getCluster().getLocalMember().getSocketAddress();
    }

    /** How many members the node's Hazelcast cluster has now. */
    public int clusterSize() {
        return member.getCluster().getMembers().size();
    }

    public SessionManager sessions() {
        return sessions;
    }

    /** Stops serving requests; the manager and the member go on. */
    public void stopServing() {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "stopping node " + number + "'s Jetty failed", e);
        }
    }

    /**
     * Closes the manager: the last node of the cluster to do so ends the sessions still open and
     * delivers them; any other leaves them to the nodes that remain. The member stays in the cluster.
     */
    public void closeSessions() {
        try {
            sessions.close();
        } finally {
            caches.close();
        }
    }

    /** The node's member leaves the Hazelcast cluster. */
    public void leaveCluster() {
        member.shutdown();
    }

    /** Stops serving, closes the manager, then leaves the cluster: a graceful stop of one node. */
    @Override
    public void close() {
        stopQuietly(server, sessions, caches, member);
    }

    private static void stopQuietly(Server server, SessionManager sessions, CacheManager caches,
            HazelcastInstance member) {
        try {
            if (server != null) {
                server.stop();
            }
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "stopping a node's Jetty failed", e);
        }
        try {
            if (sessions != null) {
                sessions.close();
            }
            if (caches != null) {
                caches.close();
            }
        } finally {
            member.shutdown();
        }
    }
}
