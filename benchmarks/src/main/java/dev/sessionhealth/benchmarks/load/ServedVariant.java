package dev.sessionhealth.benchmarks.load;

import dev.sessionhealth.SessionManager;
import dev.sessionhealth.SessionOptions;
import dev.sessionhealth.servlet.SessionHealthFilter;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;

/**
 * One variant inside the load target's single Jetty server: its own connector (its own port on
 * 127.0.0.1, named after the spec) and its own servlet context, which answers only on that connector
 * (virtual host {@code "@" + connector name}). Where our filter is installed, the variant also has its
 * own manager, with its own state directory, sending to its own ingest. So the variants share the JVM,
 * the server and its thread pool (what is to be held equal between them) and nothing else: no
 * sessions, queues, senders or outboxes. A peer variant ({@code bugsnag}, {@code sentry}) has its peer's
 * SDK client instead, sending to its own sink ({@link Peer}).
 */
final class ServedVariant implements AutoCloseable {

    private final VariantSpec spec;
    private final ServerConnector connector;
    private final SessionManager manager;
    private final LoadIngest ingest;
    private final Peer peer;

    private ServedVariant(VariantSpec spec, ServerConnector connector, SessionManager manager, LoadIngest ingest,
            Peer peer) {
        this.spec = spec;
        this.connector = connector;
        this.manager = manager;
        this.ingest = ingest;
        this.peer = peer;
    }

    /** Adds the variant's connector to the server and its context to the collection; starts its ingest and manager. */
    static ServedVariant add(Server server, ContextHandlerCollection contexts, VariantSpec spec) throws IOException {
        ServerConnector connector = new ServerConnector(server);
        connector.setName(spec.slug());
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        connector.setAcceptQueueSize(1024);
        server.addConnector(connector);
        // sessions enabled in every variant: unused sessions cost nothing, and httpSession mode needs them
        ServletContextHandler context = new ServletContextHandler("/", ServletContextHandler.SESSIONS);
        context.setVirtualHosts(List.of("@" + connector.getName()));
        SessionManager manager = null;
        LoadIngest ingest = null;
        if (spec.variant().mode() != null) {
            ingest = LoadIngest.start(spec.ingest());
            manager = manager(ingest, spec.variant() == LoadApp.Variant.SHARED,
                    spec.variant() != LoadApp.Variant.COOKIENOJOURNAL);
            context.setAttribute(SessionHealthFilter.MANAGER_ATTRIBUTE, manager);
        }
        Peer peer = spec.variant().peer() ? Peer.start(spec) : null;
        LoadApp.install(context, spec.variant());
        contexts.addHandler(context);
        return new ServedVariant(spec, connector, manager, ingest, peer);
    }

    /**
     * The manager of a variant of ours: the product's defaults, its journal in a directory of its own.
     *
     * @param journal whether the session journal is on ({@code persistence}); off for {@code cookieNoJournal}
     * @param shared the sessions in a JCache cache on a Hazelcast member of this JVM alone (configured
     *     by {@code load-hazelcast.xml}), as {@code store=jcache} sets it up
     */
    private static SessionManager manager(LoadIngest ingest, boolean shared, boolean journal) throws IOException {
        Path state = Files.createTempDirectory("sessionhealth-load");
        SessionOptions.Builder options = SessionOptions.builder().dsn(ingest.dsn()).release("load@1.0.0")
                .stateDirectory(state.toString()).persistence(journal);
        if (shared) {
            options.store("jcache").storeProvider("com.hazelcast.cache.HazelcastMemberCachingProvider")
                    .storeConfig("classpath:load-hazelcast.xml");
        }
        return SessionManager.create(options.build());
    }

    VariantSpec spec() {
        return spec;
    }

    /** The port the server listens on for this variant; known once the server is started. */
    int port() {
        return connector.getLocalPort();
    }

    URI helloUri() {
        return URI.create("http://127.0.0.1:" + port() + "/app/hello");
    }

    /** Fails if the variant's peer SDK would not track sessions; call once every variant is set up. */
    void check() {
        if (peer != null) {
            peer.check();
        }
    }

    /** Where a peer variant's sink tells what it has received so far ({@link Peer#countsUrl()}), or {@code null}. */
    String sinkCountsUrl() {
        return peer == null ? null : peer.countsUrl();
    }

    /** Prints the manager's counters, if the variant has a manager; call once the server is stopped. */
    void printStats() {
        if (manager != null) {
            System.out.println("STATS " + spec.text() + " " + manager.stats());
        }
    }

    /**
     * Closes the manager (which flushes what it can) and then its ingest, and says what the ingest
     * received; for a peer variant, its SDK and then its sink likewise ({@link Peer#close()}).
     */
    @Override
    public void close() {
        if (peer != null) {
            peer.close();
        }
        if (manager == null) {
            return;
        }
        manager.close();
        ingest.close();
        System.out.println("STOPPED " + spec.text() + " envelopesReceived=" + ingest.envelopes.sum());
    }
}
