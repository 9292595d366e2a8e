package dev.sessionhealth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionhealth.internal.ReleaseDetector;
import dev.sessionhealth.internal.config.CoreOptions;
import dev.sessionhealth.internal.wire.Dsn;
import dev.sessionhealth.testing.FakeIngest;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Options from code, from a key lookup (web.xml, MicroProfile) and from system properties; DSNs. */
@Timeout(60)
class SessionOptionsTest {

    @Test
    void everyOptionIsReadByItsShortKey() {
        Map<String, String> config = new HashMap<>();
        config.put("dsn", "https://abc@o1.ingest.example/42");
        config.put("release", "shop@3.0");
        config.put("environment", "staging");
        config.put("sessionTimeout", "45m");
        config.put("maxSessionDuration", "2d");
        config.put("queueCapacity", "1_000");
        config.put("flushInterval", "1500ms");
        config.put("shutdownTimeout", "PT2S");
        config.put("requestTimeout", "7");
        config.put("enabled", "yes");
        config.put("sendDefaultPii", "on");
        config.put("compress", "false");
        config.put("reportUnhandled", "1");
        config.put("didSalt", " cluster-salt ");
        config.put("somethingElse", "ignored");

        SessionOptions o = SessionOptions.builder().apply(config::get).build();

        assertEquals("https://abc@o1.ingest.example/42", o.dsn());
        assertEquals("shop@3.0", o.release());
        assertEquals("staging", o.environment());
        assertEquals(Duration.ofMinutes(45), o.sessionTimeout());
        assertEquals(Duration.ofDays(2), o.maxSessionDuration());
        assertEquals(1000, o.queueCapacity());
        assertEquals(Duration.ofMillis(1500), o.flushInterval());
        assertEquals(Duration.ofSeconds(2), o.shutdownTimeout());
        assertEquals(Duration.ofSeconds(7), o.requestTimeout());
        assertTrue(o.enabled());
        assertTrue(o.sendDefaultPii());
        assertFalse(o.compress());
        assertTrue(o.reportUnhandled());
        assertEquals("cluster-salt", o.didSalt());
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({"queueCapacity,lots", "sessionTimeout,soon", "flushInterval,-5s", "enabled,maybe", "compress,2",
        "requestTimeout,10 minutes"})
    void unparseableValueFailsNamingKeyAndValue(String key, String value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SessionOptions.builder().apply(Map.of(key, value)::get));
        assertTrue(e.getMessage().contains(key) && e.getMessage().contains("'" + value + "'"), e.getMessage());
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({"queueCapacity,0,0", "maxSessionDuration,5d,PT120H", "requestTimeout,0,PT0S",
        "sessionTimeout,PT-1S,PT-1S"})
    void outOfRangeValueFailsNamingKeyAndValue(String key, String value, String shown) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SessionOptions.builder().apply(Map.of(key, value)::get).build());
        assertTrue(e.getMessage().contains(key) && e.getMessage().contains("'" + value + "'"), e.getMessage());
    }

    @Test
    void systemPropertiesWinOverEverythingElse() {
        String key = CoreOptions.RELEASE.prefixedName();
        assertEquals("sessionhealth.release", key);
        String before = System.getProperty(key);
        System.setProperty(key, "from-property@1");
        try {
            SessionOptions o = SessionOptions.builder().release("from-code@1")
                    .apply(Map.of("release", "from-web-xml@1")::get)
                    .applyEnvironment().build();
            assertEquals("from-property@1", o.release());
        } finally {
            restore(key, before);
        }
    }

    @Test
    void trackingCanBeSwitchedOffByASystemProperty() {
        String key = CoreOptions.ENABLED.prefixedName();
        String before = System.getProperty(key);
        System.setProperty(key, "false");
        try (FakeIngest ingest = FakeIngest.start()) {
            SessionManager m = SessionManager.create(SessionOptions.builder().dsn(ingest.dsn()).release("shop@1")
                    .applyEnvironment().build());
            assertNoOp(m);
            assertTrue(ingest.envelopes().isEmpty());
        } finally {
            restore(key, before);
        }
    }

    @Test
    void environmentVariableNamesFollowTheKeys() {
        assertEquals("SESSIONHEALTH_SESSION_TIMEOUT", CoreOptions.SESSION_TIMEOUT.environmentName());
        assertEquals("SESSIONHEALTH_SEND_DEFAULT_PII", CoreOptions.SEND_DEFAULT_PII.environmentName());
        assertEquals("SENTRY_DSN", CoreOptions.DSN.sentryVariable());
        assertEquals("SENTRY_RELEASE", CoreOptions.RELEASE.sentryVariable());
        assertEquals("SENTRY_ENVIRONMENT", CoreOptions.ENVIRONMENT.sentryVariable());
    }

    @Test
    void dsnWithPathPrefixPortAndSecret() {
        Dsn dsn = Dsn.parse("https://pub:secretpart@sentry.example.com:8443/relay/eu/1234");
        assertEquals("pub", dsn.publicKey());
        assertEquals(URI.create("https://sentry.example.com:8443/relay/eu/api/1234/envelope/"), dsn.envelopeUri());
        assertFalse(dsn.toString().contains("secretpart") || dsn.toString().contains("pub@"), dsn.toString());
        assertEquals(URI.create("http://localhost/api/7/envelope/"),
                Dsn.parse("http://k@localhost/7/").envelopeUri());
    }

    @Test
    void dsnPathPrefixAndSecretWorkEndToEnd() {
        try (FakeIngest ingest = FakeIngest.start()) {
            long project = ingest.projectId();
            String dsn = "http://publickey:notsent@127.0.0.1:" + ingest.port() + "/prefix/" + project;
            SessionManager m = SessionManager.create(SessionOptions.builder().dsn(dsn).release("shop@1")
                    .persistence(false).build());
            try {
                m.startSession();
                assertTrue(m.flush(Duration.ofSeconds(10)));
            } finally {
                m.close();
            }
            assertEquals("/prefix/api/" + project + "/envelope/", ingest.envelopes().get(0).path());
            String auth = ingest.envelopes().get(0).headers().get("x-sentry-auth");
            assertTrue(auth.endsWith(",sentry_key=publickey"), auth);
            assertFalse(ingest.envelopes().get(0).headers().toString().contains("notsent"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://TOPSECRETKEY@host.example/42", "https://TOPSECRETKEY@host.example",
        "https://TOPSECRETKEY@host.example/not-a-project", "https://TOPSECRETKEY@host example/42",
        "https://:TOPSECRETKEY@host.example/42", "TOPSECRETKEY", "https://TOPSECRETKEY@/42"})
    void badDsnFailsWithoutEchoingTheKey(String dsn) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SessionOptions.builder().dsn(dsn).release("shop@1").build());
        assertTrue(e.getMessage().startsWith("dsn"), e.getMessage());
        assertFalse(e.getMessage().contains("TOPSECRETKEY"), e.getMessage());
        assertTrue(e.getCause() == null || !String.valueOf(e.getCause().getMessage()).contains("TOPSECRETKEY"));
    }

    @Test
    void optionsNeverShowTheDsn() {
        SessionOptions o = SessionOptions.builder().dsn("https://TOPSECRETKEY@host.example/42").release("a@1").build();
        assertFalse(o.toString().contains("TOPSECRETKEY"), o.toString());
    }

    @Test
    void disabledTrackingGivesAManagerThatDoesNothing() {
        try (FakeIngest ingest = FakeIngest.start()) {
            SessionManager m = SessionManager.create(SessionOptions.builder().enabled(false).dsn(ingest.dsn())
                    .release("shop@1").build());
            assertNoOp(m);
            assertTrue(ingest.envelopes().isEmpty());
        }
    }

    @Test
    void missingDsnGivesAManagerThatDoesNothing() {
        assertNoOp(SessionManager.create(SessionOptions.builder().release("shop@1").build()));
    }

    @Test
    void missingReleaseGivesAManagerThatDoesNothing() {
        assertEquals(null, ReleaseDetector.detect(), "precondition: the test JVM has no release in a manifest");
        try (FakeIngest ingest = FakeIngest.start()) {
            assertNoOp(SessionManager.create(SessionOptions.builder().dsn(ingest.dsn()).build()));
            assertNoOp(SessionManager.create(SessionOptions.builder().dsn(ingest.dsn()).release(" ").build()));
        }
    }

    private static void assertNoOp(SessionManager m) {
        assertFalse(m.isEnabled());
        Session s = m.startSession(SessionContext.forUser(User.of("alice")));
        assertEquals(32, s.sid().length());
        m.recordError(false);
        m.endSession();
        assertTrue(m.currentSession().isEmpty());
        assertTrue(m.flush(Duration.ofSeconds(1)));
        assertEquals(0, m.stats().recorded());
        m.close();
        m.close();
    }

    private static void restore(String key, String before) {
        if (before == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, before);
        }
    }
}
