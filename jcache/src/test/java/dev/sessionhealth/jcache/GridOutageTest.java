package dev.sessionhealth.jcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionhealth.SessionOptions;
import dev.sessionhealth.testing.FakeIngest;
import dev.sessionhealth.testing.IngestLedger;
import dev.sessionhealth.testing.Poll;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The grid hangs: its one member, a process of its own, is frozen with SIGSTOP while two nodes (its
 * Hazelcast clients, which would wait two minutes for an answer) serve traffic, then resumed with
 * SIGCONT. Requests go on meanwhile; each node says once that the cache does not answer and once
 * that it does again; what the nodes could not write is written afterwards, each change once
 * (operations that were in flight when the grid froze run when it resumes, and are then repeated by
 * the node that did not hear of them); and the ingest counts every session once, with every crash.
 */
@Timeout(300)
class GridOutageTest {

    /** How long a request waits for the cache: long enough for a loaded machine, short next to the grid's own. */
    private static final long TIMEOUT_MILLIS = 1_000;
    private static final int PORT = 5801 + ThreadLocalRandom.current().nextInt(0, 90) * 10;

    private final String cluster = "sessionhealth-outage-" + System.nanoTime();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final Logs logs = Logs.capture();
    private final FakeIngest ingest = FakeIngest.start();
    private final List<Node> nodes = new ArrayList<>();
    /** The grid: one member, a process of its own. */
    private Process grid;
    private URI a;
    private URI b;
    private List<URI> both;
    /** Users who met both nodes while the grid answered, and their sids. */
    private final List<Visitor> known = new ArrayList<>();
    private final List<String> sids = new ArrayList<>();
    /** Every sid a user was told. */
    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    @BeforeEach
    void start() throws Exception {
        grid = member();
        SessionOptions options = SessionOptions.builder().dsn(ingest.dsn()).release("shop@1.0.0")
                .persistence(false).flushInterval(Duration.ofMillis(200)).build();
        for (String name : List.of("a", "b")) {
            nodes.add(Node.startClient(name, cluster, PORT, options, InstantSource.system(), Duration.ofSeconds(60),
                    TIMEOUT_MILLIS));
        }
        a = nodes.get(0).base;
        b = nodes.get(1).base;
        both = List.of(a, b);
    }

    @AfterEach
    void stop() throws Exception {
        try {
            if (grid != null && grid.isAlive()) {
                signal(grid, "CONT");
                grid.destroyForcibly();
                grid.waitFor(30, TimeUnit.SECONDS);
            }
            for (Node n : nodes) {
                n.close();
            }
        } finally {
            logs.close();
            ingest.close();
        }
    }

    /** {@code count} users, each served by both nodes while the grid answers: one session each. */
    private void usersMeetBothNodes(int count) {
        for (int i = 0; i < count; i++) {
            Visitor v = new Visitor(http);
            known.add(v);
            sids.add(body(v.get(both.get(i % 2), "sid")));
            assertEquals(sids.get(i), body(v.get(both.get((i + 1) % 2), "sid")));
        }
        seen.addAll(sids);
    }

    /** Every known user, once on each node: in the same session while nothing ended it. */
    private void knownUsersGoOn(boolean sameSessions) {
        for (int i = 0; i < known.size(); i++) {
            for (URI node : both) {
                String sid = body(known.get(i).get(node, "sid"));
                if (sameSessions) {
                    assertEquals(sids.get(i), sid, "user " + i + " on " + node);
                }
                seen.add(sid);
            }
        }
    }

    /** Closes the nodes one after the other (the last one ends what is open): what the ingest got. */
    private IngestLedger stopNodes() throws Exception {
        for (int i = nodes.size() - 1; i >= 0; i--) {
            nodes.get(i).close();
        }
        nodes.clear();
        IngestLedger ledger = IngestLedger.of(ingest);
        ledger.assertExact(true);
        assertEquals(seen, ledger.startsAccepted(), "every session a user was in, started once");
        return ledger;
    }

    @Test
    void whileTheGridHangsRequestsGoOnAndAfterwardsEverySessionIsCountedOnce() throws Exception {
        usersMeetBothNodes(30);

        // new users arrive all along, so that some starts are in flight when the grid freezes
        AtomicBoolean arriving = new AtomicBoolean(true);
        Thread arrivals = new Thread(() -> {
            for (int i = 0; arriving.get(); i++) {
                Visitor v = new Visitor(http);
                for (int r = 0; r < 3; r++) {
                    seen.add(body(v.get(both.get((i + r) % 2), "sid")));
                }
            }
        });
        arrivals.start();
        Thread.sleep(300);
        signal(grid, "STOP");
        try {
            knownUsersGoOn(true); // served from each node's copy
            for (int i = 0; i < 5; i++) { // crashes on a: they end the session, once the grid can say so
                assertEquals(500, known.get(i).get(a, "boom").statusCode());
                String next = body(known.get(i).get(a, "sid"));
                assertNotEquals(sids.get(i), next, "after a crash, a new session, on this node alone");
                seen.add(next);
            }
            for (int i = 5; i < 10; i++) { // handled errors on b: counted in the cache afterwards
                seen.add(body(known.get(i).get(b, "handled")));
            }
            Poll.atMost(Duration.ofSeconds(30)).until(() -> "both nodes saying once that the cache does not answer: "
                    + logs.lines(), () -> logs.count("did not answer") == 2);
            Thread.sleep(1_000); // the arrivals go on on both nodes without the grid
        } finally {
            signal(grid, "CONT");
        }
        Poll.atMost(Duration.ofSeconds(60)).until(() -> "both nodes back on the cache: " + logs.lines(),
                () -> logs.count("answers again") == 2);
        arriving.set(false);
        arrivals.join(30_000);
        assertEquals(2, logs.count("did not answer"), "said once per node: " + logs.lines());

        knownUsersGoOn(false); // users whose session crashed may get one more on b
        IngestLedger ledger = stopNodes();
        assertEquals(5, ledger.terminalCounts().getOrDefault("crashed", 0), "each crash counted, once: "
                + ledger.terminalCounts());
        for (int i = 0; i < 30; i++) {
            List<IngestLedger.Item> items = ledger.items(sids.get(i));
            IngestLedger.Item end = items.get(items.size() - 1);
            assertEquals(i < 5 ? "crashed" : "exited", end.status(), "user " + i);
            assertEquals(i < 10 ? 1 : 0, end.errors().intValue(), "user " + i + "'s errors");
        }
    }

    @Test
    void whenTheGridRestartsEmptyTheSessionsTheNodesServeArePutBackAndEndOnce() throws Exception {
        usersMeetBothNodes(20);

        grid.destroyForcibly(); // kill -9: the grid and everything in it are gone
        assertTrue(grid.waitFor(30, TimeUnit.SECONDS));
        knownUsersGoOn(true);
        for (int i = 0; i < 3; i++) {
            assertEquals(500, known.get(i).get(a, "boom").statusCode());
        }
        for (int i = 0; i < 10; i++) { // new users: a session on each node they reach
            Visitor v = new Visitor(http);
            for (URI node : both) {
                seen.add(body(v.get(node, "sid")));
            }
        }
        Poll.atMost(Duration.ofSeconds(30)).until(() -> "both nodes saying that the cache does not answer: "
                + logs.lines(), () -> logs.count("did not answer") == 2);

        grid = member(); // a new grid, empty
        Poll.atMost(Duration.ofSeconds(120)).until(() -> "both nodes back on the new grid: " + logs.lines(),
                () -> logs.count("answers again") == 2);
        knownUsersGoOn(false);
        IngestLedger ledger = stopNodes();
        assertEquals(3, ledger.terminalCounts().getOrDefault("crashed", 0), "each crash counted, once: "
                + ledger.terminalCounts());
        for (int i = 0; i < 20; i++) {
            assertEquals(i < 3 ? "crashed" : "exited", ledger.statusOf(sids.get(i)), "user " + i);
        }
    }

    /** A Hazelcast member of the test's cluster on {@link #PORT}, in a process of its own. */
    private Process member() throws Exception {
        return ChildJvm.start(MemberMain.class, cluster, String.valueOf(PORT)).process();
    }

    private static void signal(Process p, String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(p.pid())).inheritIO().start();
        assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -" + signal);
    }

    private static String body(HttpResponse<String> r) {
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    /** The library's log records, as the application's logging would get them. */
    private static final class Logs extends Handler {
        private final List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
        /** Held, so that the logger with the handler is not collected and made anew without it. */
        private final Logger logger = Logger.getLogger("dev.sessionhealth");

        static Logs capture() {
            Logs logs = new Logs();
            logs.logger.addHandler(logs);
            return logs;
        }

        @Override
        public void publish(LogRecord r) {
            lines.add(r.getLevel() + " " + new java.util.logging.SimpleFormatter().formatMessage(r));
        }

        long count(String text) {
            synchronized (lines) {
                return lines.stream().filter(l -> l.contains(text)).count();
            }
        }

        String lines() {
            synchronized (lines) {
                return String.join("\n", lines);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            logger.removeHandler(this);
        }
    }
}
