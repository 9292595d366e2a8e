package dev.sessionhealth.jcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.cache.HazelcastMemberCachingProvider;
import com.hazelcast.cache.ICache;
import com.hazelcast.core.DistributedObject;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.sessionhealth.SessionManager;
import dev.sessionhealth.SessionOptions;
import dev.sessionhealth.servlet.SessionHealthFilter;
import dev.sessionhealth.testing.FakeIngest;
import dev.sessionhealth.testing.IngestLedger;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import javax.cache.Cache;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code store=jcache} and its keys, read from configuration like every other option. */
@Timeout(120)
class ConfiguredStoreTest {

    private static final String CONFIG = "classpath:sessionhealth-test-hazelcast.xml";

    @Test
    void aFilterMadeFromInitParamsKeepsItsSessionsInTheConfiguredCache() throws Exception {
        String cluster = "sessionhealth-configured-" + System.nanoTime();
        System.setProperty("hztest.cluster", cluster);
        System.setProperty("hztest.port", String.valueOf(5801 + (int) (System.nanoTime() % 90) * 10));
        try (FakeIngest ingest = FakeIngest.start()) {
            Server server = new Server();
            ServerConnector connector = new ServerConnector(server);
            connector.setHost("127.0.0.1");
            server.addConnector(connector);
            ServletContextHandler context = new ServletContextHandler("/");
            FilterHolder filter = context.addFilter(SessionHealthFilter.class, "/*", EnumSet.of(DispatcherType.REQUEST));
            Map.of("dsn", ingest.dsn(), "release", "shop@1.0.0", "persistence", "false", "store", "jcache",
                    "storeProvider", HazelcastMemberCachingProvider.class.getName(), "storeConfig", CONFIG,
                    "storeCache", "configured-sessions", "cookieKey", Node.COOKIE_KEY)
                    .forEach(filter::setInitParameter);
            context.addServlet(new ServletHolder(new SidServlet()), "/*");
            server.setHandler(context);
            server.start();
            URI base = URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/");
            try {
                Visitor v = new Visitor(HttpClient.newHttpClient());
                String sid = v.get(base, "sid").body();
                assertEquals(sid, v.get(base, "sid").body());

                // the member the configuration describes holds the cache the options name, with the session
                HazelcastInstance member = Hazelcast.getHazelcastInstanceByName(cluster + "-configured");
                List<String> shared = new ArrayList<>();
                for (DistributedObject o : member.getDistributedObjects()) {
                    if (o instanceof ICache<?, ?> cache && o.getName().endsWith("configured-sessions")) {
                        for (Cache.Entry<?, ?> e : cache) {
                            if (e.getValue() instanceof SharedSession s) {
                                shared.add(s.sid().toString().replace("-", ""));
                            }
                        }
                    }
                }
                assertEquals(List.of(sid), shared);
            } finally {
                server.stop(); // the filter closes the manager it made: the last node ends the session
            }
            IngestLedger ledger = IngestLedger.of(ingest);
            ledger.assertExact(true);
            assertEquals(1, ledger.startsAccepted().size());
        } finally {
            System.clearProperty("hztest.cluster");
            System.clearProperty("hztest.port");
        }
    }

    @Test
    void aStoreThatCannotBeMadeFailsTheManagerWithTheReason() {
        SessionOptions options = SessionOptions.builder().dsn("http://key@127.0.0.1:9/1").release("shop@1.0.0")
                .persistence(false).store("jcache").storeProvider("com.example.NoSuchCachingProvider").build();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> SessionManager.create(options));
        assertTrue(e.getMessage().contains("com.example.NoSuchCachingProvider"), e.getMessage());
    }

    @Test
    void anUnknownStoreIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SessionOptions.builder().store("redis").build());
        assertTrue(e.getMessage().contains("memory or jcache"), e.getMessage());
    }

    private static final class SidServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            SessionManager m = (SessionManager) req.getServletContext().getAttribute(SessionHealthFilter.MANAGER_ATTRIBUTE);
            resp.getWriter().write(m.currentSession().map(dev.sessionhealth.Session::sid).orElse("none"));
        }
    }
}
