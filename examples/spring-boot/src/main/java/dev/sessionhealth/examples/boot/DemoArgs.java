package dev.sessionhealth.examples.boot;

import dev.sessionhealth.examples.DemoConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Jetty demo's flags for the Boot application: {@code --port N}, {@code --host ADDRESS},
 * {@code --simulate} and {@code --users N} become Boot properties; arguments of Boot's own form
 * ({@code --server.port=9090}) pass through. The flags are checked as the Jetty demo checks them.
 */
final class DemoArgs {

    private DemoArgs() {
    }

    /** @throws IllegalArgumentException for an unknown flag or a bad value, with the Jetty demo's message */
    static String[] toBoot(String[] args) {
        List<String> flags = new ArrayList<>();
        List<String> boot = new ArrayList<>();
        for (String arg : args) {
            (arg.startsWith("--") && arg.contains("=") ? boot : flags).add(arg);
        }
        DemoConfig.parse(flags.toArray(String[]::new), Map.of()); // the values are valid
        for (int i = 0; i < flags.size(); i++) {
            switch (flags.get(i)) {
                case "--port" -> boot.add("--server.port=" + flags.get(++i).trim());
                case "--host" -> boot.add("--server.address=" + flags.get(++i));
                case "--users" -> boot.add("--demo.users=" + flags.get(++i).trim());
                case "--simulate" -> boot.add("--demo.simulate=true");
                default -> throw new IllegalStateException(flags.get(i)); // DemoConfig.parse rejected it already
            }
        }
        return boot.toArray(String[]::new);
    }
}
