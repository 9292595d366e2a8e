package dev.sessionhealth.examples;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts the demo: the shop, the embedded receiver and the dashboard, and prints where they are.
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
