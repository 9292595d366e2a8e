package dev.sessionhealth.cdi.se;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionhealth.Session;
import dev.sessionhealth.cdi.SessionHealthExtension;
import dev.sessionhealth.testing.FakeIngest;
import dev.sessionhealth.testing.Poll;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The extension outside a web application: Weld SE, configured by system properties. */
@Timeout(60)
class WeldSeTest {

    private FakeIngest ingest;

    @BeforeEach
    void start() {
        ingest = FakeIngest.start();
        System.setProperty("sessionhealth.dsn", ingest.dsn());
        System.setProperty("sessionhealth.release", "batch@3");
    }

    @AfterEach
    void stop() {
        System.clearProperty("sessionhealth.dsn");
        System.clearProperty("sessionhealth.release");
        ingest.close();
    }

    /** Without discovery Weld SE loads no extension by itself: add ours as META-INF/services would. */
    private static Weld weld() {
        return new Weld().disableDiscovery().addExtension(new SessionHealthExtension()).addBeanClass(Accounts.class);
    }

    @Test
    void injectedManagerTracksOutsideAWebApplicationAndClosesOnShutdown() throws Exception {
        Session alice;
        try (WeldContainer container = weld().initialize()) {
            Accounts accounts = container.select(Accounts.class).get();
            assertTrue(accounts.sessions().isEnabled());
            alice = accounts.login("alice");
            assertEquals(List.of(alice.sid()), accounts.started(), "SessionStarted observed");
            assertEquals(List.of(Map.of("channel", "batch-cli")), accounts.startedTags(), "with the session's tags");
        }
        Poll.atMost(Duration.ofSeconds(15)).until(
                () -> "the extension closed its manager, ending the session: " + ingest.sessions(),
                () -> ingest.sessions().stream()
                        .anyMatch(s -> alice.sid().equals(s.get("sid")) && "exited".equals(s.get("status"))));
        Map<String, Object> first = ingest.sessions().get(0);
        assertEquals(Boolean.TRUE, first.get("init"));
        assertEquals(Map.of("release", "batch@3", "environment", "mp-test"), first.get("attrs"));
        assertFalse(ingest.envelopes().stream().anyMatch(e -> e.text().contains("batch-cli")), "tags are never sent");
    }

    @Test
    void invalidSystemPropertyFailsContainerStart() {
        System.setProperty("sessionhealth.release", "../up");
        Exception e = assertThrows(Exception.class, () -> weld().initialize().close());
        String all = messages(e);
        assertTrue(all.contains("release='../up' from system property sessionhealth.release"), all);
    }

    private static String messages(Throwable e) {
        StringBuilder b = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            b.append(t).append('\n');
        }
        return b.toString();
    }
}
