package dev.sessionhealth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionhealth.internal.DefaultSessionManager;
import dev.sessionhealth.internal.RequestSessions;
import dev.sessionhealth.internal.RequestTracking;
import dev.sessionhealth.internal.session.RequestAggregator;
import dev.sessionhealth.testing.DelegatingManager;
import dev.sessionhealth.testing.IngestLedger;
import dev.sessionhealth.testing.LogCapture;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The seam the integrations use: a session's restarts (a principal that appears, {@code startSession}
 * during a request) happen once however many requests of one client race, every replaced session ends
 * once, and a manager that is not the library's own is reported, not silently ignored.
 */
@Timeout(120)
class RequestSessionsTest extends LocalIngestTest {

    private static final int THREADS = 8;

    private DefaultSessionManager manager() {
        manager = SessionManager.builder(SessionOptions.builder().dsn(ingest.dsn()).release("shop@2.4.1")
                .persistence(false).sendDefaultPii(true).build()).build();
        return (DefaultSessionManager) manager;
    }

    @Test
    void racingRequestsOfOneClientRestartItsSessionOnce() throws Exception {
        RequestSessions sessions = RequestSessions.of(manager(), "test");
        String key = "client-1";
        sessions.finish(sessions.open(key, null, "ua", null)); // anonymous
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            for (int round = 0; round < 20; round++) {
                String user = "user-" + round;
                CountDownLatch go = new CountDownLatch(1);
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    done.add(pool.submit(() -> {
                        go.await();
                        RequestTracking request = sessions.open(key, user, "ua", null);
                        sessions.finish(request);
                        return request;
                    }));
                }
                go.countDown();
                for (Future<?> f : done) {
                    f.get(30, TimeUnit.SECONDS);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        manager.close();
        IngestLedger ledger = IngestLedger.of(ingest);
        ledger.assertExact(true);
        assertEquals(21, ledger.sids().size(), "the anonymous session and one per user, however many requests raced");
        assertEquals(21, ledger.initItems());
    }

    @Test
    void startSessionDuringARequestReplacesTheKeysSessionThroughTheSameSwap() throws Exception {
        DefaultSessionManager m = manager();
        RequestSessions sessions = RequestSessions.of(m, "test");
        RequestTracking request = sessions.open("client-2", null, "ua", null);
        sessions.finish(request); // its first request is over: the session is announced
        String anonymous;
        String bob;
        try (DefaultSessionManager.Scope scope = sessions.bind(request)) {
            anonymous = manager.currentSession().orElseThrow().sid();
            bob = manager.startSession(SessionContext.forUser(User.of("bob"))).sid();
            assertEquals(bob, manager.currentSession().orElseThrow().sid());
        }
        assertNotEquals(anonymous, bob);
        RequestTracking next = sessions.open("client-2", null, "ua", null);
        try (DefaultSessionManager.Scope scope = sessions.bind(next)) {
            assertEquals(bob, manager.currentSession().orElseThrow().sid(), "the next request finds bob's session");
        }
        sessions.finish(next);
        manager.close();
        IngestLedger ledger = IngestLedger.of(ingest);
        ledger.assertExact(true);
        assertEquals("exited", ledger.endOf(anonymous));
        assertEquals(2, ledger.sids().size());
    }

    @Test
    void aSessionReplacedBeforeItsRequestShowedWhoItIsIsNeverSent() throws Exception {
        RequestSessions sessions = RequestSessions.of(manager(), "test");
        // a returning user's cookie after a crash: the filter opens an anonymous session, the
        // authentication behind it then knows the user, and the request finishes in the user's session
        RequestTracking request = sessions.open("client-3", null, "ua", null);
        sessions.principalKnown(request, "carol");
        sessions.finish(request);
        // an anonymous visitor's request: its session is announced when the request is over
        sessions.finish(sessions.open("client-4", null, "ua", null));
        // a crash in a session's first request: announced with its end
        RequestTracking crashing = sessions.open("client-5", null, "ua", null);
        sessions.recordError(crashing, false);
        sessions.finish(crashing);
        manager.close();
        IngestLedger ledger = IngestLedger.of(ingest);
        ledger.assertExact(true);
        assertEquals(3, ledger.sids().size(), "carol's, the anonymous visitor's and the crashed one: " + ledger.figures());
        assertEquals(3, ledger.initItems());
        assertEquals(java.util.Map.of("exited", 2, "crashed", 1), ledger.terminalCounts());
        assertEquals(3, manager.stats().started());
    }

    @Test
    void aReleasedTrackingIsLentToTheThreadsNextRequestWithNothingOfThePreviousOne() throws Exception {
        DefaultSessionManager m = manager();
        RequestSessions sessions = RequestSessions.of(m, "test");
        sessions.finish(sessions.open("client-a", null, "ua", null));
        sessions.finish(sessions.open("client-b", null, "ua", null));
        String a = m.registry().get("client-a").sidHex();
        String b = m.registry().get("client-b").sidHex();

        RequestTracking first = sessions.open("client-a", null, "ua", null);
        sessions.recordError(first, true);
        sessions.recordError(first, false); // a's request crashes: a's session ends crashed
        sessions.recordError(first, false); // once per request
        assertEquals(RequestAggregator.Outcome.CRASHED, first.outcome());
        sessions.finish(first);
        sessions.release(first);

        RequestTracking second = sessions.open("client-b", null, "ua", null);
        assertSame(first, second, "this thread's next request reuses the released tracking");
        assertEquals("client-b", second.key());
        assertFalse(second.hasUnhandledError());
        assertEquals(0, second.handledErrors());
        assertEquals(RequestAggregator.Outcome.EXITED, second.outcome());
        try (DefaultSessionManager.Scope scope = sessions.bind(second)) {
            assertEquals(b, manager.currentSession().orElseThrow().sid(), "bound to b's session, not a's");
            manager.recordError(true);
        }
        assertEquals(RequestAggregator.Outcome.ERRORED, second.outcome());
        sessions.finish(second);
        sessions.release(second);
        assertEquals(1, m.registry().get("client-b").errors());
        assertEquals(2, m.registry().get("client-b").requests(), "b's second request counted once");

        manager.close();
        IngestLedger ledger = IngestLedger.of(ingest);
        ledger.assertExact(true);
        assertEquals("crashed", ledger.endOf(a));
        assertEquals(2, ledger.items(a).get(ledger.items(a).size() - 1).errors().intValue(),
                "a: one handled error and the crash");
        assertEquals("exited", ledger.endOf(b));
        assertEquals(1, ledger.items(b).get(ledger.items(b).size() - 1).errors().intValue());
    }

    @Test
    void aTrackingThatIsNotReleasedIsNeverLentAgainNorOneOfAnotherThread() throws Exception {
        DefaultSessionManager m = manager();
        RequestSessions sessions = RequestSessions.of(m, "test");
        RequestTracking async = sessions.open("client-a", null, "ua", null); // goes async: never released
        RequestTracking next = sessions.open("client-b", null, "ua", null);
        assertNotSame(async, next);
        assertEquals("client-a", async.key(), "the async request keeps its own session");
        sessions.release(next);

        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            // another thread gets its own, and cannot release this thread's
            RequestTracking elsewhere = other.submit(() -> {
                RequestTracking t = sessions.open("client-c", null, "ua", null);
                sessions.release(async);
                sessions.release(t);
                return t;
            }).get(10, TimeUnit.SECONDS);
            assertNotSame(next, elsewhere);
            assertNotSame(async, elsewhere);
        } finally {
            other.shutdownNow();
        }
        assertSame(next, sessions.open("client-b", null, "ua", null), "this thread's released one");
        assertNotSame(async, sessions.open("client-d", null, "ua", null), "still lent to the async request");
        sessions.recordError(async, true);
        assertEquals(1, m.registry().get("client-a").errors(), "the async request's error on its own session");
        assertEquals(0, m.registry().get("client-b").errors());
    }

    @Test
    void aTrackingKeptBySomethingThatMayOutliveItsRequestIsNeverLentAgain() throws Exception {
        DefaultSessionManager m = manager();
        RequestSessions sessions = RequestSessions.of(m, "test");
        RequestTracking kept = sessions.open("client-a", null, "ua", null).keep(); // in a request-scoped bean
        sessions.release(kept);
        RequestTracking next = sessions.open("client-b", null, "ua", null);
        assertNotSame(kept, next, "the next request of this thread gets another");
        sessions.recordError(kept, true); // a task that outlived the request, with its request scope
        assertEquals(1, m.registry().get("client-a").errors(), "the late error in the kept request's session");
        assertEquals(0, m.registry().get("client-b").errors());
    }

    @Test
    void requestModeTrackingsAreLentAgainToo() {
        DefaultSessionManager m = manager();
        RequestSessions sessions = RequestSessions.of(m, "test");
        RequestTracking crashed = sessions.count();
        sessions.recordError(crashed, false);
        sessions.finish(crashed);
        sessions.release(crashed);
        RequestTracking clean = sessions.count();
        assertSame(crashed, clean);
        assertNull(clean.key());
        assertEquals(RequestAggregator.Outcome.EXITED, clean.outcome());
        sessions.finish(clean);
        assertEquals(2, m.aggregator().recorded());
    }

    @Test
    void aThreadsBindingSlotHoldsNothingOutsideItsBindings() {
        DefaultSessionManager m = manager();
        RequestSessions sessions = RequestSessions.of(m, "test");
        RequestTracking outer = sessions.open("client-a", null, "ua", null);
        RequestTracking inner = sessions.open("client-b", null, "ua", null);
        Object[] slot = sessions.slot();
        assertSame(slot, sessions.slot(), "one slot per thread");
        Object previous = RequestSessions.enter(slot, outer);
        assertNull(previous);
        try (DefaultSessionManager.Scope scope = sessions.bind(inner)) { // a nested dispatch
            assertSame(inner, slot[0]);
        }
        assertSame(outer, slot[0]);
        RequestSessions.leave(slot, previous);
        assertNull(slot[0], "nothing of the application left in the thread");
        try (DefaultSessionManager.Scope scope = sessions.bind(outer)) {
            assertSame(outer, slot[0]);
        }
        assertNull(slot[0]);
    }

    @Test
    void aManagerThatIsNotOursIsReportedOnceAndTracksNothing() {
        SessionManager ours = manager();
        SessionManager decorator = new DelegatingManager(ours);
        try (LogCapture log = LogCapture.start()) {
            assertFalse(RequestSessions.of(decorator, "the test's slot").tracking());
            assertFalse(RequestSessions.of(decorator, "the test's slot").tracking());
            List<String> warnings = log.warnings();
            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).contains(DelegatingManager.class.getName()) && warnings.get(0).contains("the test's slot"),
                    warnings.get(0));
        }
        assertTrue(RequestSessions.of(ours, "test").tracking());
        assertFalse(RequestSessions.of(SessionManager.create(SessionOptions.builder().enabled(false).build()), "test")
                .tracking(), "a disabled manager tracks nothing, without a warning of its own");
    }
}
