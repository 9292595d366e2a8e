package dev.sessionhealth.examples.boot;

import dev.sessionhealth.examples.DemoConfig;
import dev.sessionhealth.examples.dashboard.DemoInfo;
import dev.sessionhealth.examples.simulator.TrafficSimulator;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * The demo's bookshop on Spring Boot: Spring MVC controllers, Spring Security logins, Actuator, and
 * the sessionhealth starter, which is all the release health the shop has. The embedded receiver and
 * the dashboard run in the same server. {@code ./demo --spring-boot} starts it.
 */
// logins are programmatic (SessionController): no user store, so no generated password either
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
public class BootShopApplication {

    public static void main(String[] args) throws InterruptedException {
        if (DemoConfig.wantsHelp(args)) {
            System.out.print(DemoConfig.usage());
            return;
        }
        String[] bootArgs;
        try {
            bootArgs = DemoArgs.toBoot(args);
        } catch (IllegalArgumentException e) {
            System.err.println("demo: " + e.getMessage());
            System.exit(2);
            return;
        }
        ConfigurableApplicationContext app = application().run(bootArgs);
        DemoInfo info = app.getBean(DemoInfo.class);
        System.out.println();
        System.out.println("  sessionhealth demo is running (Spring Boot)");
        System.out.println("    shop:       " + info.shopUrl());
        System.out.println("    dashboard:  " + info.shopUrl() + "dashboard/");
        System.out.println("    actuator:   " + info.shopUrl() + "actuator/health");
        System.out.println("    sessions go to " + info.sessionsTarget() + " (release " + info.release() + ")");
        if (!info.embeddedReceiver()) {
            System.out.println("      (SENTRY_DSN: the dashboard shows the library's own counters, the ingest's view is there)");
        }
        System.out.println("    simulate traffic: the dashboard's button, or start with --simulate");
        System.out.println("    stop with Ctrl+C");
        System.out.println();
        Environment environment = app.getEnvironment();
        if (environment.getProperty("demo.simulate", Boolean.class, false)) {
            app.getBean(TrafficSimulator.class).run(); // like the Jetty demo: once, then the server keeps running
        }
    }

    /** The application as main starts it; tests add properties. Port 0 is resolved before the start. */
    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(BootShopApplication.class).listeners(new FreePort());
    }
}
