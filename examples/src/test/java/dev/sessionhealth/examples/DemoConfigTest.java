package dev.sessionhealth.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DemoConfigTest {

    @Test
    void flagsWinOverTheEnvironment() {
        DemoConfig config = DemoConfig.parse(new String[] {"--port", "9090", "--simulate", "--users", "50"},
                Map.of("PORT", "7070", "HOST", "0.0.0.0"));

        assertEquals(9090, config.port());
        assertEquals("0.0.0.0", config.host());
        assertTrue(config.simulate());
        assertEquals(50, config.users());
    }

    @Test
    void defaultsToLocalhostPort8080() {
        DemoConfig config = DemoConfig.parse(new String[0], Map.of());

        assertEquals(8080, config.port());
        assertEquals("127.0.0.1", config.host());
    }

    @Test
    void badArgumentsFailWithTheValue() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DemoConfig.parse(new String[] {"--bogus"}, Map.of()))
                .getMessage().contains("unknown argument '--bogus'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DemoConfig.parse(new String[0], Map.of("PORT", "x")))
                .getMessage().contains("PORT must be a number: 'x'"));
        assertThrows(IllegalArgumentException.class, () -> DemoConfig.parse(new String[] {"--port", "70000"}, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> DemoConfig.parse(new String[] {"--port"}, Map.of()));
    }

    @Test
    void clusterTakesANumberOfNodes() {
        assertEquals(0, DemoConfig.parse(new String[0], Map.of()).cluster(), "the single shop by default");
        assertEquals(3, DemoConfig.parse(new String[] {"--cluster", "3", "--simulate"}, Map.of()).cluster());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DemoConfig.parse(new String[] {"--cluster", "0"},
                Map.of())).getMessage().contains("--cluster must be between 1 and"));
        assertThrows(IllegalArgumentException.class, () -> DemoConfig.parse(new String[] {"--cluster", "99"}, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> DemoConfig.parse(new String[] {"--cluster"}, Map.of()));
    }

    @Test
    void helpIsAskedForWithDashDashHelpOrDashH() {
        assertTrue(DemoConfig.wantsHelp(new String[] {"--help"}));
        assertTrue(DemoConfig.wantsHelp(new String[] {"--port", "9090", "-h"}));
        assertFalse(DemoConfig.wantsHelp(new String[] {"--port", "9090"}));
    }

    @Test
    void theUsageNamesEveryFlagAndVariableTheDemoReadsAndOnlyFlagsItAccepts() {
        String usage = DemoConfig.usage();
        for (String name : List.of("--port", "--host", "--simulate", "--users", "--help", "-h", "PORT", "HOST",
                "SENTRY_DSN", "SENTRY_RELEASE", "SENTRY_ENVIRONMENT", "SESSIONHEALTH_", "JAVA_HOME")) {
            assertTrue(usage.contains(name), () -> name + " is missing from the usage:\n" + usage);
        }
        Set<String> flags = new TreeSet<>();
        Matcher m = Pattern.compile("(?<![\\w-])--[a-z][a-z-]*").matcher(usage);
        while (m.find()) {
            flags.add(m.group());
        }
        assertEquals(Set.of("--cluster", "--help", "--host", "--port", "--simulate", "--spring-boot", "--users"), flags);
        for (String flag : flags) {
            // --spring-boot is the script's: it runs another main class, without passing the flag on
            if (!flag.equals("--help") && !flag.equals("--spring-boot")) {
                String[] args = flag.equals("--simulate") ? new String[] {flag} : new String[] {flag, "1"};
                DemoConfig.parse(args, Map.of()); // accepted, or this throws "unknown argument"
            }
        }
    }
}
