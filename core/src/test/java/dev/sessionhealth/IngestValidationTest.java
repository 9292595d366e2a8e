package dev.sessionhealth;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionhealth.testing.ReceivedEnvelope;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the ingest would drop silently after answering 200 is refused or not sent, and counted. */
@Timeout(60)
class IngestValidationTest extends LocalIngestTest {

    @ParameterizedTest
    @ValueSource(strings = {"latest", "LaTeSt", ".", "..", "shop/2.4", "shop\\2.4", "shop\t2", "shop\n2", "shop\r2",
        "shop\u007f2", "shop\u00852"})
    void badReleaseFailsAtBuildNamingTheValue(String release) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SessionOptions.builder().release(release).build());
        String shown = release.replace("\t", "\\u0009").replace("\n", "\\u000a").replace("\r", "\\u000d")
                .replace("\u007f", "\\u007f").replace("\u0085", "\\u0085");
        assertTrue(e.getMessage().contains("release '" + shown + "'"), e.getMessage());
    }

    @Test
    void releaseLongerThan200BytesFailsAtBuild() {
        assertDoesNotThrow(() -> SessionOptions.builder().release("r".repeat(200)).build());
        assertDoesNotThrow(() -> SessionOptions.builder().release("é".repeat(100)).build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SessionOptions.builder().release("é".repeat(101)).build());
        assertTrue(e.getMessage().contains("200 bytes"), e.getMessage());
        assertTrue(e.getMessage().contains("é".repeat(40)), "the value is shown: " + e.getMessage());
    }

    @Test
    void blankReleaseCountsAsNoneAndTrackingStaysOff() {
        SessionOptions options = SessionOptions.builder().dsn(ingest.dsn()).release("   ").build();
        assertEquals(null, options.release());
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "None", ".", "..", "prod/eu", "prod\\eu", "prod\teu", "prod\u007f"})
    void badEnvironmentFailsAtBuildNamingTheValue(String environment) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SessionOptions.builder().environment(environment).build());
        assertTrue(e.getMessage().startsWith("environment '"), e.getMessage());
    }

    @Test
    void environmentOfAtMost64BytesIsAccepted() {
        assertDoesNotThrow(() -> SessionOptions.builder().environment("e".repeat(64)).build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SessionOptions.builder().environment("e".repeat(65)).build());
        assertTrue(e.getMessage().contains("64 bytes"), e.getMessage());
    }

    @Test
    void sessionStartedMoreThanFiveDaysAgoIsNotSentAndCountedInvalid() {
        SessionManager m = manager();
        m.startSession();
        assertTrue(m.flush(Duration.ofSeconds(10)));
        clock.advance(Duration.ofDays(5).plusMinutes(1));
        m.recordError(true);
        assertTrue(m.flush(Duration.ofSeconds(10)));

        assertEquals(1, ingest.sessions().size(), "the stale update was not sent");
        assertEquals(Map.of(DiscardReason.INVALID, 1L), m.stats().discarded());
        ReceivedEnvelope report = ingest.envelopes().get(ingest.envelopes().size() - 1);
        assertEquals(Map.of("invalid", 1L), RateLimitTest.discarded(report));
    }

    @Test
    void sessionFourDaysOldIsStillSent() {
        SessionManager m = manager();
        m.startSession();
        clock.advance(Duration.ofDays(4));
        m.endSession();
        assertTrue(m.flush(Duration.ofSeconds(10)));
        List<Map<String, Object>> sent = ingest.sessions();
        assertEquals(1, sent.size());
        assertEquals(4 * 86_400.0, ((Number) sent.get(0).get("duration")).doubleValue(), 0.001);
    }

    @Test
    void updateStampedMoreThanAMinuteAheadOfTheClockIsNotSent() {
        SessionManager m = manager();
        m.startSession();
        clock.advance(Duration.ofMinutes(-2)); // the clock was set back after the session started
        assertTrue(m.flush(Duration.ofSeconds(10)));
        assertTrue(ingest.sessions().isEmpty());
        assertEquals(Map.of(DiscardReason.INVALID, 1L), m.stats().discarded());
    }

    @Test
    void updateThirtySecondsAheadIsWithinTheToleranceAndSent() {
        SessionManager m = manager();
        m.startSession();
        clock.advance(Duration.ofSeconds(-30));
        assertTrue(m.flush(Duration.ofSeconds(10)));
        assertEquals(1, ingest.sessions().size());
        assertFalse(m.stats().discarded().containsKey(DiscardReason.INVALID));
    }

    private SessionManager manager() {
        manager = SessionManager.builder(SessionOptions.builder().dsn(ingest.dsn()).release("shop@2.4.1").build())
                .clock(clock).build();
        return manager;
    }
}
