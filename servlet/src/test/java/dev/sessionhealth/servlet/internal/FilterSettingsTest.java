package dev.sessionhealth.servlet.internal;

import dev.sessionhealth.internal.TrackingMode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionhealth.SessionOptions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FilterSettingsTest {

    private final Map<String, String> system = new HashMap<>();
    private final Map<String, String> env = new HashMap<>();
    private final Map<String, String> init = new HashMap<>();
    private final Map<String, String> context = new HashMap<>();
    private final FilterSettings settings = new FilterSettings(system::get, env::get, init::get, context::get);

    @Test
    void systemPropertyBeatsEnvironmentBeatsInitParamBeatsContextParamBeatsDefault() {
        assertEquals(TrackingMode.COOKIE, settings.mode());
        context.put("sessionhealth.mode", "request");
        assertEquals(TrackingMode.REQUEST, settings.mode());
        init.put("mode", "httpSession");
        assertEquals(TrackingMode.HTTP_SESSION, settings.mode());
        env.put("SESSIONHEALTH_MODE", "cookie");
        assertEquals(TrackingMode.COOKIE, settings.mode());
        system.put("sessionhealth.mode", "request");
        assertEquals(TrackingMode.REQUEST, settings.mode());
    }

    @Test
    void coreOptionsComeFromTheSameSourcesWithSentryNamesInTheEnvironment() {
        context.put("sessionhealth.sessionTimeout", "10m");
        init.put("release", "shop@1");
        env.put("SENTRY_RELEASE", "shop@2");
        env.put("SESSIONHEALTH_SERVER_ERRORS_AS_ERRORS", "false");
        SessionOptions options = settings.sessionOptions().build();
        assertEquals(Duration.ofMinutes(10), options.sessionTimeout());
        assertEquals("shop@2", options.release());
        assertFalse(settings.serverErrorsAsErrors());
        system.put("sessionhealth.release", "shop@3");
        assertEquals("shop@3", settings.sessionOptions().build().release());
    }

    @Test
    void defaultsAreDocumentedOnes() {
        assertEquals("sessionhealth", settings.cookieName());
        assertNull(settings.cookieKey());
        assertTrue(settings.serverErrorsAsErrors());
        assertTrue(settings.autoRegister());
        assertEquals(List.of("OPTIONS", "HEAD"), settings.excludeMethods());
        assertTrue(settings.excludePaths().contains("/health/*"));
        assertTrue(settings.excludeUserAgents().contains("kube-probe"));
        assertFalse(settings.excludeUserAgents().stream().anyMatch(a -> a.toLowerCase().contains("curl")));
    }

    @Test
    void listsReplaceTheDefaultsAndADashClearsThem() {
        init.put("excludePaths", "/status, /internal/*");
        assertEquals(List.of("/status", "/internal/*"), settings.excludePaths());
        init.put("excludeUserAgents", "-");
        assertEquals(List.of(), settings.excludeUserAgents());
    }

    @Test
    void invalidValuesNameTheKeyAndTheValue() {
        init.put("mode", "sometimes");
        assertMessage(settings::mode, "mode", "sometimes");
        init.put("serverErrorsAsErrors", "maybe");
        assertMessage(settings::serverErrorsAsErrors, "serverErrorsAsErrors", "maybe");
        init.put("cookieName", "bad name");
        assertMessage(settings::cookieName, "cookieName", "bad name");
        init.put("excludePaths", "health");
        assertMessage(settings::excludePaths, "excludePaths", "health");
        init.put("sessionTimeout", "soon");
        assertMessage(() -> settings.sessionOptions().build(), "sessionTimeout", "soon");
        context.put("sessionhealth.autoRegister", "perhaps");
        assertMessage(settings::autoRegister, "autoRegister", "perhaps");
    }

    @Test
    void aShortCookieKeyFailsWithoutPrintingIt() {
        init.put("cookieKey", "s3cret");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, settings::cookieKey);
        assertTrue(e.getMessage().contains("cookieKey"));
        assertFalse(e.getMessage().contains("s3cret"));
    }

    private static void assertMessage(Runnable call, String key, String value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
        assertTrue(e.getMessage().contains(key) && e.getMessage().contains(value), e.getMessage());
    }
}
