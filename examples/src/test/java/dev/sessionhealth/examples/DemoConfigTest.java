package dev.sessionhealth.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
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
}
