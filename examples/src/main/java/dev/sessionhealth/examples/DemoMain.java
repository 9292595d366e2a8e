package dev.sessionhealth.examples;

/** Starts the demo: the shop, the embedded receiver and the dashboard, and prints where they are. */
public final class DemoMain {

    /**
     * Jersey logs every exception its default mapper handles: the demo's crashes are intended and
     * shown on the dashboard, so the console stays quiet. Held here because java.util.logging keeps
     * loggers only weakly.
     */
    private static final java.util.logging.Logger JERSEY = java.util.logging.Logger.getLogger("org.glassfish.jersey");

    private DemoMain() {
    }

    public static void main(String[] args) throws Exception {
        JERSEY.setLevel(java.util.logging.Level.SEVERE);
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
