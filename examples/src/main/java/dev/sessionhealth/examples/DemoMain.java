package dev.sessionhealth.examples;

import dev.sessionhealth.examples.cluster.ShopNode;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts the demo: the shop (with {@code --cluster N}, N shop nodes behind a round-robin proxy), the
 * embedded receiver and the dashboard, and prints where they are.
 * What the user can fix (a bad argument, a busy port) ends the process with one line on stderr and
 * an exit code ({@code 2}, {@code 3}), never a stack trace; {@code --help} prints the usage.
 */
public final class DemoMain {

    /**
     * Quieter console: Jersey logs every exception its default mapper handles (the demo's crashes
     * are intended and shown on the dashboard), Weld logs its start-up. Held here because
     * java.util.logging keeps its loggers only weakly.
     */
    private static final Logger JERSEY = Logger.getLogger("org.glassfish.jersey");
    private static final Logger WELD = Logger.getLogger("org.jboss.weld");
    /**
     * {@code --cluster}: Hazelcast logs every member's start, join and partition migration, warns
     * about members that join or leave while partitions move, and that it would run faster with
     * {@code --add-opens} flags, which a demo does not need.
     */
    private static final Logger HAZELCAST = Logger.getLogger("com.hazelcast");
    /** {@code --cluster}: the filter's configuration, logged at start, would show once per node, the same each time. */
    private static final Logger CONFIGURATION = Logger.getLogger("dev.sessionhealth.config");

    private DemoMain() {
    }

    public static void main(String[] args) throws Exception {
        JERSEY.setLevel(Level.SEVERE);
        WELD.setLevel(Level.WARNING);
        if (DemoConfig.wantsHelp(args)) {
            System.out.print(DemoConfig.usage());
            System.out.flush();
            return;
        }
        DemoConfig config;
        try {
            config = DemoConfig.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            exit(2, e.getMessage());
            return;
        }
        if (config.cluster() > 0) {
            runCluster(config);
            return;
        }
        DemoServer demo;
        try {
            demo = DemoServer.start(config);
        } catch (DemoStartException e) {
            exit(e.exitCode(), e.getMessage());
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(demo::close, "demo-shutdown"));
        System.out.println();
        System.out.println("  sessionhealth demo is running");
        System.out.println("    shop:       " + demo.shopUri());
        System.out.println("    dashboard:  " + demo.dashboardUri());
        System.out.println("    sessions go to " + demo.sessionsTarget());
        if (!demo.sendsToEmbeddedReceiver()) {
            System.out.println("      (SENTRY_DSN: the dashboard shows the library's own counters, the ingest's view is there)");
        }
        System.out.println("    simulate traffic: the dashboard's button, or start with --simulate");
        System.out.println("    stop with Ctrl+C");
        System.out.println();
        if (config.simulate()) {
            demo.simulator().run();
        }
        demo.join();
    }

    private static void runCluster(DemoConfig config) throws Exception {
        HAZELCAST.setLevel(Level.SEVERE);
        CONFIGURATION.setLevel(Level.WARNING);
        System.out.println("demo: starting " + config.cluster() + " nodes, each with its own Jetty, SessionManager"
                + " and embedded Hazelcast member (a few seconds each)");
        DemoCluster demo;
        try {
            demo = DemoCluster.start(config);
        } catch (DemoStartException e) {
            exit(e.exitCode(), e.getMessage());
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(demo::close, "demo-shutdown"));
        System.out.println();
        System.out.println("  sessionhealth demo is running as a cluster of " + config.cluster() + " nodes");
        System.out.println("    shop:       " + demo.shopUri() + "  (a proxy that round-robins: each request goes to"
                + " the next node, no sticky sessions)");
        for (ShopNode node : demo.nodes()) {
            System.out.println("    node " + node.number() + ":     " + node.uri() + "  (Hazelcast member "
                    + node.memberAddress().getHostString() + ":" + node.memberAddress().getPort() + ")");
        }
        System.out.println("    the nodes share their sessions in a JCache cache on their Hazelcast members (TCP join on"
                + " 127.0.0.1)");
        System.out.println("    dashboard:  " + demo.dashboardUri());
        System.out.println("    sessions go to " + demo.sessionsTarget() + " from every node");
        if (!demo.sendsToEmbeddedReceiver()) {
            System.out.println("      (SENTRY_DSN: the dashboard shows the library's own counters, the ingest's view is there)");
        }
        System.out.println("    simulate traffic: the dashboard's button, or start with --simulate");
        System.out.println("    stop with Ctrl+C (the last node to stop ends the open sessions)");
        System.out.println();
        if (config.simulate()) {
            demo.simulator().run();
        }
        demo.join();
    }

    /**
     * Ends the process right away, also under {@code mvn exec:java} (where a thrown exception would
     * become Maven's error report).
     */
    private static void exit(int code, String message) {
        System.err.println("demo: " + message);
        System.err.flush();
        System.exit(code);
    }
}
