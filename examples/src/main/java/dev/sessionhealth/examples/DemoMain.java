package dev.sessionhealth.examples;

import java.util.logging.Level;
import java.util.logging.Logger;

/** Starts the demo: the shop, the embedded receiver and the dashboard, and prints where they are. */
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
        DemoConfig config;
        try {
            config = DemoConfig.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        DemoServer demo = DemoServer.start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(demo::close, "demo-shutdown"));
        System.out.println();
        System.out.println("  sessionhealth demo is running");
        System.out.println("    shop:       " + demo.shopUri());
        System.out.println("    dashboard:  " + demo.dashboardUri());
        System.out.println("    sessions go to " + demo.sessionsTarget());
        System.out.println("    simulate traffic: the dashboard's button, or start with --simulate");
        System.out.println("    stop with Ctrl+C");
        System.out.println();
        if (config.simulate()) {
            demo.simulator().run();
        }
        demo.join();
    }
}
