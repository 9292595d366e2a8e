package dev.sessionhealth.internal.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.sessionhealth.SessionContext;
import dev.sessionhealth.SessionOptions;
import dev.sessionhealth.User;
import dev.sessionhealth.internal.DiscardCounters;
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

    @Test
    void contextUserAgentAndAddressWinOverTheBindingsAndTheUsers() {
        SessionTracker tracker = tracker(SessionOptions.builder().sendDefaultPii(true));
        SessionContext context = SessionContext.forUser(new User("alice", null, null, "10.0.0.2"))
                .withUserAgent("App/2.0").withIpAddress("10.0.0.1");
        SessionAttributes a = tracker.create(context, "Browser/1.0", "10.0.0.3").attributes();
        assertEquals("App/2.0", a.userAgent());
        assertEquals("10.0.0.1", a.ipAddress());

        SessionAttributes b = tracker.create(SessionContext.forUser(new User("alice", null, null, "10.0.0.2")),
                "Browser/1.0", "10.0.0.3").attributes();
        assertEquals("Browser/1.0", b.userAgent(), "without one in the context, the binding's");
        assertEquals("10.0.0.2", b.ipAddress(), "then the user's address, then the binding's");
    }

    @Test
    void contextValuesAreCleanedLikeTheFiltersAndNothingLeftMeansTheBindings() {
        SessionTracker tracker = tracker(SessionOptions.builder().sendDefaultPii(true));
        SessionAttributes a = tracker.create(SessionContext.EMPTY.withUserAgent("\tApp/2.0\u0001\u001b(iOS;\t\t17) ")
                .withIpAddress("[::1]"), null, null).attributes();
        assertEquals("App/2.0 (iOS; 17)", a.userAgent());
        assertEquals("::1", a.ipAddress());
        assertEquals(ClientText.MAX_USER_AGENT, tracker.create(SessionContext.EMPTY.withUserAgent("a".repeat(10_000)),
                null, null).attributes().userAgent().length());

        SessionAttributes b = tracker.create(SessionContext.EMPTY.withUserAgent(" \u0000 ").withIpAddress("<script>"),
                "Browser/1.0", "10.0.0.3").attributes();
        assertEquals("Browser/1.0", b.userAgent());
        assertEquals("10.0.0.3", b.ipAddress());
    }

    @Test
    void theBindingsRawHeaderIsCleanedToo() {
        // the JAX-RS hook hands over the User-Agent header as it came
        SessionTracker tracker = tracker(SessionOptions.builder().sendDefaultPii(true));
        assertEquals("Browser/1.0 x", tracker.create(SessionContext.EMPTY, "Browser/1.0\r\n x", "not an address")
                .attributes().userAgent());
        assertNull(tracker.create(SessionContext.EMPTY, null, "not an address").attributes().ipAddress());
    }

    @Test
    void withoutPersonalDataNoUserAgentNorAddressIsKept() {
        SessionTracker tracker = tracker(SessionOptions.builder());
        SessionContext context = SessionContext.forUser(new User("alice", null, null, "10.0.0.2"))
                .withUserAgent("App/2.0").withIpAddress("10.0.0.1");
        SessionAttributes a = tracker.create(context, "Browser/1.0", "10.0.0.3").attributes();
        assertNull(a.userAgent());
        assertNull(a.ipAddress());
    }
}
