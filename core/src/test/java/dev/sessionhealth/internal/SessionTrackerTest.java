package dev.sessionhealth.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.sessionhealth.SessionContext;
import dev.sessionhealth.SessionOptions;
import dev.sessionhealth.testing.MovableClock;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a session keeps from the context it started with, at what cost per session. */
class SessionTrackerTest {

    private final MovableClock clock = new MovableClock();

    private SessionTracker tracker(SessionOptions.Builder options) {
        SessionOptions o = options.release("shop@1").build();
        return new SessionTracker(o, clock, clock, new UpdateQueue(100, new DiscardCounters()), null);
    }

    @Test
    void sessionsWithoutTagsOrDetailsShareOneAttributesObject() {
        SessionTracker tracker = tracker(SessionOptions.builder());
        SessionAttributes a = tracker.create(SessionContext.EMPTY, null, null).attributes();
        SessionAttributes b = tracker.create(new SessionContext(null, Map.of(), null, null), null, null).attributes();
        assertSame(a, b, "no allocation per session for what every session shares");
        assertSame(Map.of(), a.tags());
    }

    @Test
    void tagsAreKeptWithTheSession() {
        SessionTracker tracker = tracker(SessionOptions.builder());
        SessionState s = tracker.create(new SessionContext(null, Map.of("tenant", "acme"), null, null), null, null);
        assertEquals(Map.of("tenant", "acme"), s.attributes().tags());
        assertEquals("shop@1", s.attributes().release());
    }
}
