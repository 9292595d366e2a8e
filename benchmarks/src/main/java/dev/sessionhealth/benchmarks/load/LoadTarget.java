package dev.sessionhealth.benchmarks.load;

import dev.sessionhealth.SessionManager;
import dev.sessionhealth.SessionOptions;
import dev.sessionhealth.servlet.SessionHealthFilter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The server side of {@code benchmarks/load.sh}: embedded Jetty 12 (ee10) on 127.0.0.1 serving a
 * trivial servlet in one variant, its manager sending to a local ingest that is healthy, slow or down.
 * Makes each user's cookie first (writing them to a file for the load generator), prints
 * {@code READY <port>} and serves until the process is terminated.
 *
 * <pre>java -cp benchmarks.jar dev.sessionhealth.benchmarks.load.LoadTarget
 *     bare|passthrough|cookie|httpSession|request healthy|slow|down PORT USERS COOKIE_FILE</pre>
 */
public final class LoadTarget {

    private LoadTarget() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: LoadTarget VARIANT INGEST PORT USERS COOKIE_FILE");
            System.exit(2);
        }
        LoadApp.Variant variant = LoadApp.Variant.parse(args[0]);
        LoadIngest ingest = LoadIngest.start(LoadIngest.Kind.parse(args[1]));
        SessionManager manager = variant.mode() == null ? null : manager(ingest);
        Server server = server(variant, manager, Integer.parseInt(args[2]));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(server, manager, ingest), "load-stop"));
        server.start();
        int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
        CookiePrimer.prime(URI.create("http://127.0.0.1:" + port + "/app/hello"), Integer.parseInt(args[3]),
                Path.of(args[4]));
        System.out.println("READY " + port);
        System.out.flush();
        server.join();
    }

    private static SessionManager manager(LoadIngest ingest) throws java.io.IOException {
        Path state = Files.createTempDirectory("sessionhealth-load");
        SessionOptions options = SessionOptions.builder().dsn(ingest.dsn()).release("load@1.0.0")
                .stateDirectory(state.toString()).build();
        return SessionManager.create(options);
    }

    private static Server server(LoadApp.Variant variant, SessionManager manager, int port) {
        QueuedThreadPool threads = new QueuedThreadPool(200, 8);
        threads.setName("load-jetty");
        Server server = new Server(threads);
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        connector.setAcceptQueueSize(1024);
        server.addConnector(connector);
        // sessions enabled in every variant: unused sessions cost nothing, and httpSession mode needs them
        ServletContextHandler context = new ServletContextHandler("/", ServletContextHandler.SESSIONS);
        if (manager != null) {
            context.setAttribute(SessionHealthFilter.MANAGER_ATTRIBUTE, manager);
        }
        LoadApp.install(context, variant);
        server.setHandler(context);
        return server;
    }

    private static void stop(Server server, SessionManager manager, LoadIngest ingest) {
        try {
            server.stop();
        } catch (Exception e) {
            System.err.println("jetty stop: " + e);
        }
        if (manager != null) {
            System.out.println("STATS " + manager.stats());
            manager.close();
        }
        ingest.close();
        System.out.println("STOPPED envelopesReceived=" + ingest.envelopes.sum());
        System.out.flush();
    }
}
