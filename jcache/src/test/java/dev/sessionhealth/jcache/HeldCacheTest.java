package dev.sessionhealth.jcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionhealth.SessionOptions;
import dev.sessionhealth.testing.FakeIngest;
import dev.sessionhealth.testing.IngestLedger;
import dev.sessionhealth.testing.Poll;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One node's cache calls hang at the worst moments: a session's start or end reached the cache but
 * its answer did not (the operation ran), or it did not reach the cache yet (it runs later). The node
 * goes offline, and once the cache answers it repeats each operation under its id: one that ran is
 * not done twice, one that lost a race is given up, and the ingest gets each start and end once.
 */
@Timeout(180)
class HeldCacheTest {

    /** How long a request waits for the cache: long enough for a loaded machine, short next to the grid's own. */
    private static final long TIMEOUT_MILLIS = 1_000;
    private static final int PORT = 5801 + ThreadLocalRandom.current().nextInt(0, 90) * 10;
    private final String cluster = "sessionhealth-held-" + System.nanoTime();
    private final FakeIngest ingest = FakeIngest.start();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final List<Node> nodes = new ArrayList<>();
    private Node a;
    private Node b;

    @BeforeEach
    void start() throws Exception {
        SessionOptions options = SessionOptions.builder().dsn(ingest.dsn()).release("shop@1.0.0").persistence(false)
                .flushInterval(Duration.ofMillis(200)).build();
        a = Node.start("a", cluster, PORT, options, InstantSource.system(), Duration.ofSeconds(60), TIMEOUT_MILLIS);
        nodes.add(a);
        b = Node.start("b", cluster, PORT, options, InstantSource.system(), Duration.ofSeconds(60), TIMEOUT_MILLIS);
        nodes.add(b);
    }

    @AfterEach
    void stop() throws Exception {
        for (Node n : nodes) {
            n.calls.release();
            try {
                n.close();
            } catch (Exception | Error ignored) { // closed by the test already
            }
        }
        ingest.close();
    }

    @Test
    void aStartThatRanButWhoseAnswerWasLostIsSentOnceWhenTheCacheAnswers() throws Exception {
        Visitor v = new Visitor(http);
        a.calls.hold(CacheCalls.Hold.AFTER);
        String sid = body(v.get(a.base, "sid")); // its start ran in the cache; node a did not hear of it
        assertEquals(sid, body(v.get(a.base, "sid")));
        assertEquals(sid, body(v.get(b.base, "sid")), "node b finds the session in the cache");
        assertTrue(IngestLedger.of(ingest).startsAccepted().isEmpty(), "nobody sent the start yet");

        a.calls.release();
        Poll.atMost(Duration.ofSeconds(30)).until(() -> "the start, sent by node a once it hears from the cache",
                () -> IngestLedger.of(ingest).startsAccepted().contains(sid));
        assertEquals(sid, body(v.get(a.base, "sid")));
        assertEquals(sid, body(v.get(b.base, "sid")));
        stopAll();
        IngestLedger ledger = IngestLedger.of(ingest);
        ledger.assertExact(true);
        assertEquals(java.util.Set.of(sid), ledger.startsAccepted());
        assertEquals(Map.of("exited", 1), ledger.terminalCounts());
    }

    @Test
    void aStartHeldBeforeTheCacheLosesToTheSessionAnotherNodeStartedMeanwhileAndIsNeverSent() throws Exception {
        Visitor v = new Visitor(http);
        a.calls.hold(CacheCalls.Hold.BEFORE);
        String mine = body(v.get(a.base, "sid")); // its start waits before the cache
        String theirs = body(v.get(b.base, "sid")); // node b finds nothing in the cache: it starts one
        assertNotEquals(mine, theirs);

        a.calls.release(); // node a's start runs now, and finds node b's session holding the key
        Poll.atMost(Duration.ofSeconds(30)).until(() -> "node a following node b's session",
                () -> body(v.get(a.base, "sid")).equals(theirs));
        stopAll();
        IngestLedger ledger = IngestLedger.of(ingest);
        ledger.assertExact(true);
        assertEquals(java.util.Set.of(theirs), ledger.startsAccepted(), "node a's own session was never sent");
        assertEquals(Map.of("exited", 1), ledger.terminalCounts());
    }

    @Test
    void aCrashThatRanButWhoseAnswerWasLostEndsTheSessionOnceEvenAfterTheUserMovedOn() throws Exception {
        Visitor v = new Visitor(http);
        String first = body(v.get(a.base, "sid"));
        assertEquals(first, body(v.get(b.base, "sid")));
        a.calls.hold(CacheCalls.Hold.AFTER);
        assertEquals(500, v.get(a.base, "boom").statusCode()); // the crash ran in the cache; node a did not hear
        String onB = Poll.atMost(Duration.ofSeconds(30)).until(() -> "node b following the crash in the cache",
                () -> body(v.get(b.base, "sid")), sid -> !sid.equals(first));
        assertNotEquals(first, onB, "node b started the user's next session");

        a.calls.release(); // node a repeats the crash: it ran already, on the key's previous session
        Poll.atMost(Duration.ofSeconds(30)).until(() -> "the crash, sent by node a once",
                () -> "crashed".equals(IngestLedger.of(ingest).statusOf(first)));
        stopAll();
        IngestLedger ledger = IngestLedger.of(ingest);
        ledger.assertExact(true);
        assertEquals(Map.of("crashed", 1, "exited", ledger.startsAccepted().size() - 1), ledger.terminalCounts());
        List<IngestLedger.Item> items = ledger.items(first);
        assertEquals(1, items.get(items.size() - 1).errors().intValue());
    }

    @Test
    void aHandledErrorThatRanButWhoseAnswerWasLostCountsOnce() throws Exception {
        Visitor v = new Visitor(http);
        String sid = body(v.get(a.base, "sid"));
        a.calls.hold(CacheCalls.Hold.AFTER);
        assertEquals(sid, body(v.get(a.base, "handled")));
        a.calls.release();
        Poll.atMost(Duration.ofSeconds(30)).until(() -> "node a back on the cache",
                () -> a.calls.held() > 0 && body(v.get(b.base, "sid")).equals(sid));
        Thread.sleep(2_000); // node a's sweeps: the error is repeated, and found done
        assertEquals(sid, body(v.get(a.base, "sid")));
        stopAll();
        IngestLedger ledger = IngestLedger.of(ingest);
        ledger.assertExact(true);
        List<IngestLedger.Item> items = ledger.items(sid);
        assertEquals(1, items.get(items.size() - 1).errors().intValue(), "one error, not two");
        assertFalse(ledger.sids().size() > 1, "one session: " + ledger.sids());
    }

    private void stopAll() throws Exception {
        for (Node n : nodes) {
            n.close();
        }
        nodes.clear();
    }

    private static String body(HttpResponse<String> r) {
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }
}
