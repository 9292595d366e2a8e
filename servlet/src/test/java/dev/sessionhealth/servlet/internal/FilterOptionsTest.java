package dev.sessionhealth.servlet.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionhealth.internal.TrackingMode;
import dev.sessionhealth.internal.config.Configuration;
import dev.sessionhealth.internal.config.CoreOptions;
import dev.sessionhealth.internal.config.InvalidConfigurationException;
import dev.sessionhealth.internal.config.OptionCatalog;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The filter's own keys, read by core's reader like every other key. */
class FilterOptionsTest {

    @Test
    void theFiltersKeysAreFoundThroughTheCatalogSoNoReaderCallsThemUnknown() {
        List<String> keys = OptionCatalog.all(getClass().getClassLoader()).stream().map(o -> o.key()).toList();
        for (String key : List.of("cookieKey", "excludePaths", "excludeUserAgents", "excludeMethods",
                "serverErrorsAsErrors", "autoRegister", "mode", "cookieName", "sessionTimeout")) {
            assertTrue(keys.contains(key), key + " in " + keys);
        }
        Configuration c = TestConfig.initParams(Map.of("excludeMethods", "OPTIONS"));
        assertTrue(c.warnings().isEmpty(), c.warnings()::toString);
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        Configuration c = TestConfig.initParams(Map.of());
        assertEquals(TrackingMode.COOKIE, c.get(CoreOptions.MODE));
        assertEquals("sessionhealth", c.get(CoreOptions.COOKIE_NAME));
        assertNull(c.get(CoreOptions.COOKIE_KEY));
        assertTrue(c.get(FilterOptions.SERVER_ERRORS_AS_ERRORS));
        assertTrue(c.get(FilterOptions.AUTO_REGISTER));
        assertEquals(List.of("OPTIONS", "HEAD"), c.get(FilterOptions.EXCLUDE_METHODS));
        assertTrue(c.get(FilterOptions.EXCLUDE_PATHS).contains("/health/*"));
        assertTrue(c.get(FilterOptions.EXCLUDE_USER_AGENTS).contains("kube-probe"));
        assertFalse(c.get(FilterOptions.EXCLUDE_USER_AGENTS).stream().anyMatch(a -> a.toLowerCase().contains("curl")));
    }

    @Test
    void listsReplaceTheDefaultsAndADashClearsThem() {
        Configuration c = TestConfig.initParams(Map.of("excludePaths", "/status, /internal/*", "excludeUserAgents", "-"));
        assertEquals(List.of("/status", "/internal/*"), c.get(FilterOptions.EXCLUDE_PATHS));
        assertEquals(List.of(), c.get(FilterOptions.EXCLUDE_USER_AGENTS));
    }

    @Test
    void everyBadFilterKeyIsReportedAtOnce() {
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> TestConfig.initParams(Map.of("serverErrorsAsErrors", "maybe", "excludePaths", "health",
                        "autoRegister", "perhaps", "cookieName", "bad name")));
        assertEquals(4, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("excludePaths='health' from filter init-param excludePaths: every entry "
                + "must start with '/'"), e.getMessage());
        assertTrue(e.getMessage().contains("serverErrorsAsErrors='maybe'"), e.getMessage());
        assertTrue(e.getMessage().contains("autoRegister='perhaps'"), e.getMessage());
        assertTrue(e.getMessage().contains("cookieName='bad name'"), e.getMessage());
    }

    @Test
    void aShortCookieKeyFailsWithoutPrintingIt() {
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> TestConfig.initParams(Map.of("cookieKey", "s3cret")));
        assertTrue(e.getMessage().contains("cookieKey=(6 characters, not shown) from filter init-param cookieKey: "
                + "must have at least 16 characters"), e.getMessage());
        assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
    }
}
