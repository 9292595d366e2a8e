package dev.sessionhealth.servlet.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestExclusionsTest {

    private final RequestExclusions exclusions = RequestExclusions.of(TestConfig.initParams(Map.of()));

    @Test
    void probePathsAreExcludedButLookAlikeApplicationPathsAreNot() {
        for (String p : new String[] {"/health", "/health/live", "/healthz", "/ready", "/readyz", "/livez",
                "/metrics", "/metrics/jvm", "/actuator/health", "/q/health/ready", "/favicon.ico"}) {
            assertTrue(exclusions.excludes("GET", p, "Mozilla/5.0"), p);
        }
        for (String p : new String[] {"/", "/healthy-recipes", "/livestream", "/readymade", "/app/health"}) {
            assertFalse(exclusions.excludes("GET", p, "Mozilla/5.0"), p);
        }
    }

    @Test
    void aPathReadInPlaceAfterTheContextPathMatchesAsTheSamePathAlone() {
        for (String p : new String[] {"/health", "/health/live", "/healthz", "/metrics/jvm", "/q/health/ready",
                "/", "/healthy-recipes", "/livestream", "/app/health", "/x"}) {
            String uri = "/shop" + p;
            assertEquals(exclusions.excludes("GET", p, "Mozilla/5.0"), exclusions.excludes("GET", uri, 5, "Mozilla/5.0"), uri);
        }
        assertTrue(exclusions.excludes("GET", "/x/health", 2, "Mozilla/5.0"));
        assertFalse(exclusions.excludes("GET", "/health/x", 7, "Mozilla/5.0"), "the rest, /x, is not a probe");
        RequestExclusions root = new RequestExclusions(java.util.List.of("/"), java.util.List.of(), java.util.List.of());
        assertTrue(root.excludes("GET", "/shop", 5, "Mozilla/5.0"), "an empty rest is /");
        assertTrue(root.excludes("GET", "/shop/", 5, "Mozilla/5.0"));
        assertFalse(root.excludes("GET", "/shop/a", 5, "Mozilla/5.0"));
    }

    @Test
    void probeAndBotAgentsMatchCaseInsensitivelyAndCurlCounts() {
        assertTrue(exclusions.excludes("GET", "/", "kube-probe/1.30"));
        assertTrue(exclusions.excludes("GET", "/", "Mozilla/5.0 (compatible; bingbot/2.0)"));
        assertTrue(exclusions.excludes("GET", "/", "elb-healthchecker/2.0"));
        assertFalse(exclusions.excludes("GET", "/", "curl/8.5.0"));
        assertFalse(exclusions.excludes("GET", "/", null));
    }

    @Test
    void optionsAndHeadAreExcluded() {
        assertTrue(exclusions.excludes("OPTIONS", "/", "Mozilla/5.0"));
        assertTrue(exclusions.excludes("HEAD", "/", "Mozilla/5.0"));
        assertFalse(exclusions.excludes("POST", "/", "Mozilla/5.0"));
    }

    @Test
    void configuredPatternsReplaceTheDefaults() {
        Map<String, String> init = new HashMap<>(Map.of("excludePaths", "/status,/internal/*,/tmp*",
                "excludeUserAgents", "-", "excludeMethods", "OPTIONS"));
        RequestExclusions e = RequestExclusions.of(TestConfig.initParams(init));
        assertTrue(e.excludes("GET", "/status", null));
        assertTrue(e.excludes("GET", "/internal", null));
        assertTrue(e.excludes("GET", "/internal/x", null));
        assertTrue(e.excludes("GET", "/tmpfiles", null));
        assertFalse(e.excludes("GET", "/health", null));
        assertFalse(e.excludes("GET", "/", "kube-probe/1.30"));
        assertFalse(e.excludes("HEAD", "/", null));
    }

    @Test
    void rulesOfOneFirstSegmentDoNotLeakIntoAnotherAndRootPatternsWork() {
        Map<String, String> init = new HashMap<>(Map.of("excludePaths", "/q/health/*,/q/ready,/,/api/v1/ping",
                "excludeUserAgents", "-"));
        RequestExclusions e = RequestExclusions.of(TestConfig.initParams(init));
        for (String p : new String[] {"/q/health", "/q/health/live", "/q/ready", "/", "/api/v1/ping"}) {
            assertTrue(e.excludes("GET", p, null), p);
        }
        for (String p : new String[] {"/q", "/q/", "/q/healthy", "/q/ready/x", "/health", "/api/v1", "/api/v1/pingx",
                "/x/q/health", "//"}) {
            assertFalse(e.excludes("GET", p, null), p);
        }
        init.put("excludePaths", "/*");
        RequestExclusions all = RequestExclusions.of(TestConfig.initParams(init));
        for (String p : new String[] {"/", "/x", "/a/b/c"}) {
            assertTrue(all.excludes("GET", p, null), p);
        }
    }
}
