package dev.sessionhealth.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionhealth.testing.FakeIngest;
import dev.sessionhealth.testing.Poll;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A web application with the filter, its library loaded by its own class loader, deployed and
 * undeployed 100 times on one embedded Jetty: no sender thread is left, no thread keeps a web
 * application's loader, no new thread but the container's own pool, the thread count back to its
 * baseline and every loader is collected.
 */
class DeployCycleTest {

    static final int CYCLES = Integer.getInteger("sessionhealth.test.deployCycles", 100);
    /** Jetty's pool may keep a few more idle threads than at the start. */
    private static final int THREAD_TOLERANCE = 8;

    @TempDir
    Path state;

    @Test
    @Timeout(600)
    void hundredDeployCyclesLeaveNoThreadAndEveryClassLoaderIsCollected() throws Exception {
        URL[] lib = webInfLib();
        List<WeakReference<ClassLoader>> loaders = new ArrayList<>();
        try (FakeIngest ingest = FakeIngest.start()) {
            Host host = Host.start();
            try {
                cycle(host, lib, ingest, -1); // warm-up: the container's and client's own threads
                Set<Thread> before = liveThreads();
                int baseline = before.size();
                for (int i = 0; i < CYCLES; i++) {
                    loaders.add(new WeakReference<>(cycle(host, lib, ingest, i)));
                }
                int after = assertNoThreadLeft(before, loaders);
                // while the container still runs: its pool threads outlive every deployment, as in production
                assertCollected(loaders);
                Map<String, Object> f = new java.util.LinkedHashMap<>();
                f.put("cycles", CYCLES);
                f.put("threadsBefore", baseline);
                f.put("threadsAfter", after);
                f.put("senderThreadsLeft", senderThreads().size());
                f.put("loadersCollected", loaders.size() - uncollected(loaders) + "/" + loaders.size());
                f.put("sessionsReceived", ingest.sessions().size());
                Figures.record("deploy-undeploy-jetty", f);
            } finally {
                host.server.stop();
            }
            assertTrue(ingest.sessions().stream().filter(s -> Boolean.TRUE.equals(s.get("init"))).count() >= CYCLES,
                    "every deployment's sessions reached the ingest");
        }
    }

    @Test
    @Timeout(300)
    void deploymentsThatReportAKilledPredecessorsSessionsAreCollectedToo() throws Exception {
        URL[] lib = webInfLib();
        List<WeakReference<ClassLoader>> loaders = new ArrayList<>();
        try (FakeIngest ingest = FakeIngest.start()) {
            Host host = Host.start();
            try {
                cycle(host, lib, ingest, -1);
                for (int i = 0; i < 10; i++) {
                    leaveKilledSession(i); // the journal is read on the container's thread that starts the application
                    loaders.add(new WeakReference<>(cycle(host, lib, ingest, i)));
                }
                assertCollected(loaders);
            } finally {
                host.server.stop();
            }
            assertEquals(10, ingest.sessions().stream().filter(s -> "abnormal".equals(s.get("status"))).count());
        }
    }

    /** No sender thread, no thread holding a web application's loader, no new thread but the container's pool. */
    private static int assertNoThreadLeft(Set<Thread> before, List<WeakReference<ClassLoader>> loaders)
            throws InterruptedException {
        Poll.atMost(Duration.ofSeconds(30)).until(() -> "no sender thread left, got " + senderThreads(),
                () -> senderThreads().isEmpty());
        assertEquals(List.of(), threadsHolding(loaders), "threads whose context class loader is a web application's");
        int after = liveThreads().size();
        assertTrue(after <= before.size() + THREAD_TOLERANCE, "threads " + before.size() + " -> " + after + ": "
                + names(liveThreads()));
        List<String> added = liveThreads().stream().filter(t -> !before.contains(t)).map(Thread::getName)
                .filter(n -> !n.startsWith("jetty-deploy") && !n.startsWith("fake-ingest")).toList();
        assertEquals(List.of(), added, "threads started during the cycles, other than the container's pool");
        return after;
    }

    /** Writes a journal as a killed process leaves it: one open session. */
    private void leaveKilledSession(int n) throws IOException {
        long now = System.currentTimeMillis();
        String sid = String.format("%032x", n + 1).replaceFirst("^0", "a");
        java.nio.file.Files.writeString(state.resolve("sessions.log"), "{\"k\":\"s\",\"sid\":\"" + sid
                + "\",\"did\":null,\"started\":" + (now - 5_000) + ",\"release\":\"shop@killed\","
                + "\"environment\":\"production\"}\n{\"k\":\"u\",\"sid\":\"" + sid + "\",\"t\":" + now
                + ",\"status\":\"ok\",\"errors\":0}\n{\"k\":\"i\",\"sid\":\"" + sid + "\"}\n");
    }

    /** One Jetty that outlives every deployment, with an empty context collection to deploy into. */
    private record Host(Server server, ContextHandlerCollection contexts, URI base) {
        static Host start() throws Exception {
            QueuedThreadPool pool = new QueuedThreadPool(50, 8);
            pool.setName("jetty-deploy");
            Server server = new Server(pool);
            ServerConnector connector = new ServerConnector(server);
            connector.setHost("127.0.0.1");
            connector.setPort(0);
            server.addConnector(connector);
            ContextHandlerCollection contexts = new ContextHandlerCollection();
            server.setHandler(contexts);
            server.start();
            return new Host(server, contexts, URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/shop/"));
        }
    }

    /** Deploys the application with a fresh loader, serves three requests of one visitor, undeploys it. */
    @SuppressWarnings("unchecked")
    private ClassLoader cycle(Host host, URL[] lib, FakeIngest ingest, int n) throws Exception {
        ContextHandlerCollection contexts = host.contexts;
        URI base = host.base;
        WebAppClassLoader loader = new WebAppClassLoader("webapp-" + n, lib, DeployCycleTest.class.getClassLoader());
        ServletContextHandler context = new ServletContextHandler("/shop");
        context.setClassLoader(loader);
        Class<? extends Filter> filter = (Class<? extends Filter>) loader.loadClass(SessionHealthFilter.class.getName());
        assertNotSame(SessionHealthFilter.class, filter, "the filter must load in the web application's loader");
        FilterHolder holder = new FilterHolder(filter);
        holder.setInitParameters(Map.of("dsn", ingest.dsn(), "release", "shop@" + (n + 2), "stateDirectory",
                state.toString(), "shutdownTimeout", "5s"));
        holder.setAsyncSupported(true);
        context.addFilter(holder, "/*", null);
        context.addServlet(new ServletHolder(new Hello()), "/hello");
        contexts.addHandler(context);
        try {
            context.start();
            assertTrue(context.isAvailable(), "cycle " + n + " did not start");
            String cookie = null;
            for (int r = 0; r < 3; r++) {
                // one connection per request, closed after it: a kept-alive connection makes Jetty cache the
                // last application's channel (and so its loader) until the connection closes
                RawHttp.Response resp = RawHttp.get(base, "hello", cookie == null ? List.of()
                        : List.of(RawHttp.header("Cookie", RawHttp.ascii(cookie))));
                assertEquals(200, resp.status(), "cycle " + n);
                cookie = resp.setCookies().stream().map(c -> c.substring(c.indexOf(':') + 1).trim().split(";")[0])
                        .findFirst().orElse(cookie);
            }
        } finally {
            context.stop();
            contexts.removeHandler(context);
            context.destroy();
            loader.close();
        }
        return loader;
    }

    /** The library and its dependencies as a web application would ship them in WEB-INF/lib. */
    private static URL[] webInfLib() throws Exception {
        Set<String> anchors = Set.of("dev.sessionhealth.servlet.SessionHealthFilter", "dev.sessionhealth.SessionManager",
                "com.fasterxml.jackson.core.JsonFactory", "org.apache.hc.client5.http.impl.classic.HttpClients",
                "org.apache.hc.core5.http.HttpHost", "org.apache.hc.core5.http2.H2Error");
        Set<URL> urls = new java.util.LinkedHashSet<>();
        for (String anchor : anchors) {
            urls.add(Class.forName(anchor).getProtectionDomain().getCodeSource().getLocation());
        }
        return urls.toArray(URL[]::new);
    }

    /** Collects garbage until no loader is reachable; fails naming what still holds them. */
    private static void assertCollected(List<WeakReference<ClassLoader>> loaders) throws InterruptedException {
        // the pause gives the reference handler time to clear; not waiting for our own work
        Poll.atMost(Duration.ofSeconds(10)).every(Duration.ofMillis(100)).until(() -> "every web application class "
                + "loader collected, but " + uncollected(loaders) + " of " + loaders.size() + " still reachable: "
                + reachable(loaders), () -> {
                    System.gc();
                    return uncollected(loaders) == 0;
                });
    }

    private static long uncollected(List<WeakReference<ClassLoader>> loaders) {
        return loaders.stream().filter(r -> r.get() != null).count();
    }

    /** The names of the loaders still reachable, for the failure message. */
    private static List<String> reachable(List<WeakReference<ClassLoader>> loaders) {
        return loaders.stream().map(WeakReference::get).filter(java.util.Objects::nonNull).map(ClassLoader::getName)
                .toList();
    }

    private static Set<Thread> liveThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).collect(Collectors.toSet());
    }

    private static List<String> senderThreads() {
        return liveThreads().stream().map(Thread::getName).filter(n -> n.startsWith("sessionhealth")).toList();
    }

    private static List<String> threadsHolding(List<WeakReference<ClassLoader>> loaders) {
        List<String> out = new ArrayList<>();
        for (Thread t : liveThreads()) {
            ClassLoader ccl = t.getContextClassLoader();
            if (ccl instanceof WebAppClassLoader) {
                out.add(t.getName() + " -> " + ccl.getName());
            }
        }
        return out;
    }

    private static Map<String, Long> names(Set<Thread> threads) {
        return threads.stream().collect(Collectors.groupingBy(t -> t.getName().replaceAll("\\d+", "#"), TreeMap::new,
                Collectors.counting()));
    }

    /** The application's own servlet. */
    static final class Hello extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setContentType("text/plain");
            resp.getWriter().write("hello");
        }
    }
}
