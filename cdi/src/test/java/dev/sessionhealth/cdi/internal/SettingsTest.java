package dev.sessionhealth.cdi.internal;

import dev.sessionhealth.internal.TrackingMode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {

    private static final String DSN = "http://publickey@127.0.0.1:9/42";

    @Test
    void systemPropertyWinsOverEnvironmentMicroProfileAndContextParam() {
        ConfigLookup lookup = new ConfigLookup(
                Map.of("sessionhealth.release", "from-property")::get,
                Map.of("SESSIONHEALTH_RELEASE", "from-env", "SESSIONHEALTH_ENVIRONMENT", "staging")::get,
                Map.of("sessionhealth.release", "from-mp", "sessionhealth.sessionTimeout", "10m",
                        "sessionhealth.environment", "mp-env")::get,
                Map.of("sessionhealth.release", "from-web-xml", "sessionhealth.sessionTimeout", "20m",
                        "sessionhealth.mode", "request", "sessionhealth.dsn", DSN)::get);
        Settings s = Settings.load(lookup);
        assertEquals("from-property", s.options().release());
        assertEquals("staging", s.options().environment(), "environment variable over MicroProfile Config");
        assertEquals(Duration.ofMinutes(10), s.options().sessionTimeout(), "MicroProfile Config over web.xml");
        assertEquals(TrackingMode.REQUEST, s.mode(), "web.xml when nothing else has it");
        assertEquals(DSN, s.options().dsn());
    }

    @Test
    void microProfileConfigIsReadWhenPresent() {
        // SmallRye Config is on the test class path; META-INF/microprofile-config.properties sets it
        assertEquals("mp-test", ConfigLookup.of(null).apply("environment"));
        assertEquals("mp-test", Settings.load(ConfigLookup.of(null)).options().environment());
    }

    @Test
    void sentryEnvironmentVariablesAreRead() {
        ConfigLookup lookup = new ConfigLookup(name -> null,
                Map.of("SENTRY_RELEASE", "shop@2", "SENTRY_DSN", DSN)::get, null, null);
        Settings s = Settings.load(lookup);
        assertEquals("shop@2", s.options().release());
        assertEquals(DSN, s.options().dsn());
    }

    @Test
    void defaultsAreCookieModeAndTheFilterCookieName() {
        Settings s = Settings.load(ConfigLookup.ofMap(Map.of()));
        assertEquals(TrackingMode.COOKIE, s.mode());
        assertEquals("sessionhealth", s.cookieName());
    }

    @Test
    void modeAcceptsTheFilterValues() {
        assertEquals(TrackingMode.HTTP_SESSION, Settings.load(ConfigLookup.ofMap(Map.of("sessionhealth.mode",
                "httpSession"))).mode());
        assertEquals(TrackingMode.REQUEST, Settings.load(ConfigLookup.ofMap(Map.of("sessionhealth.mode",
                " REQUEST "))).mode());
    }

    @Test
    void badValueIsNamedWithItsKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Settings.load(ConfigLookup.ofMap(Map.of("sessionhealth.release", "shop@1",
                        "sessionhealth.queueCapacity", "lots"))));
        assertTrue(e.getMessage().startsWith("sessionhealth.queueCapacity='lots': "), e.getMessage());
    }

    @Test
    void badDsnIsNamedWithoutShowingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Settings.load(ConfigLookup.ofMap(Map.of("sessionhealth.dsn", "ftp://secretkey@host/1"))));
        assertTrue(e.getMessage().startsWith("sessionhealth.dsn=(value not shown): "), e.getMessage());
        assertFalse(e.getMessage().contains("secretkey"), e.getMessage());
    }

    @Test
    void badCookieNameAndModeAreNamed() {
        IllegalArgumentException cookie = assertThrows(IllegalArgumentException.class,
                () -> Settings.load(ConfigLookup.ofMap(Map.of("sessionhealth.cookieName", "a;b"))));
        assertTrue(cookie.getMessage().startsWith("sessionhealth.cookieName='a;b': "), cookie.getMessage());
        IllegalArgumentException mode = assertThrows(IllegalArgumentException.class,
                () -> Settings.load(ConfigLookup.ofMap(Map.of("sessionhealth.mode", "session"))));
        assertTrue(mode.getMessage().contains("cookie, httpSession or request"), mode.getMessage());
    }
}
