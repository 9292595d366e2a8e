package dev.sessionhealth.jcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionhealth.SessionOptions;
import dev.sessionhealth.testing.FakeIngest;
import dev.sessionhealth.testing.IngestLedger;
import dev.sessionhealth.testing.MovableClock;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Three nodes (embedded Jetty with the filter, each a Hazelcast member of one cluster) behind a
 * client that sends each visitor's requests round-robin to the nodes, as a balancer without sticky
 * sessions does. What the ingest received from all of them must count each user session once.
 */
@Timeout(300)
class ClusterTest {

    private static final int PORT = 5801 + ThreadLocalRandom.current().nextInt(0, 90) * 10;
    private final String cluster = "sessionhealth-test-" + System.nanoTime();
    private final FakeIngest ingest = FakeIngest.start();
    private final MovableClock clock = new MovableClock();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final List<Node> nodes = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (Node n : nodes) {
            try {
                n.close();
            } catch (Exception | Error ignored) { // closed by the test already
            }
        }
        ingest.close();
    }

    private SessionOptions options() {
        return SessionOptions.builder().dsn(ingest.dsn()).release("shop@1.0.0").persistence(false)
                .flushInterval(Duration.ofMillis(200)).build();
    }

    private Node node(String name) throws Exception {
        Node n = Node.start(name, cluster, PORT, options(), clock, Duration.ofSeconds(60));
        nodes.add(n);
        return n;
    }

    private void start(int count) throws Exception {
        for (int i = 0; i < count; i++) {
            node("node" + i);
        }
    }

    /** Closes the nodes one after the other, as a rolling stop does: the last one ends what is still open. */
    private void stopAll() throws Exception {
        for (Node n : nodes) {
            n.close();
        }
        nodes.clear();
    }

    @Test
    void aThousandVisitorsRoundRobinOverThreeNodesAreAThousandSessionsCountedOnce() throws Exception {
        start(3);
        int users = 1_000;
        int requests = 20;
        List<Visitor> visitors = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            visitors.add(new Visitor(http));
        }
        // every 10th visitor hits a handled error on its 6th request, every 25th crashes on its 13th
        List<List<String>> seen = new ArrayList<>();
        visitors.forEach(v -> seen.add(new ArrayList<>()));
        ExecutorService pool = Executors.newFixedThreadPool(24);
        try {
            for (int round = 0; round < requests; round++) {
                int r = round;
                List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
                for (int i = 0; i < users; i++) {
                    Visitor v = visitors.get(i);
                    Node n = nodes.get((i + r) % nodes.size());
                    String path = r == 5 && i % 10 == 0 ? "handled" : r == 12 && i % 25 == 0 ? "boom" : "sid";
                    calls.add(() -> v.get(n.base, path));
                }
                List<Future<HttpResponse<String>>> answers = pool.invokeAll(calls, 120, TimeUnit.SECONDS);
                for (int i = 0; i < users; i++) {
                    HttpResponse<String> answer = answers.get(i).get();
                    if (answer.statusCode() == 200) {
                        seen.get(i).add(answer.body());
                    } else {
                        assertEquals(500, answer.statusCode(), "only the crashing requests fail");
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
        // informational: what the traffic cost in cache calls (never asserted)
        Map<String, Long> calls = new TreeMap<>();
        nodes.forEach(n -> n.calls.byMethod().forEach((k, c) -> calls.merge(k, c, Long::sum)));
        System.out.printf("cluster of 3: %d requests of %d visitors made %s cache calls (%.3f per request)%n",
                users * requests, users, calls, calls.values().stream().mapToLong(Long::longValue).sum()
                        / (double) (users * requests));
        stopAll();

        IngestLedger ledger = IngestLedger.of(ingest);
        System.out.println("cluster of 3: the ingest holds " + ledger.figures());
        assertCountedOnce(ledger);
        int crashes = users / 25;
        assertEquals(users + crashes, ledger.startsAccepted().size(),
                "one session per visitor, and a second one for each visitor whose first crashed");
        assertEquals(Map.of("crashed", crashes, "exited", users), ledger.terminalCounts());
        for (int i = 0; i < users; i++) {
            Set<String> sids = new LinkedHashSet<>(seen.get(i));
            if (i % 25 != 0) {
                assertEquals(1, sids.size(), "visitor " + i + " has one session on all three nodes: " + sids);
                String sid = sids.iterator().next();
                assertEquals("exited", ledger.endOf(sid));
                assertEquals(i % 10 == 0 ? 1 : 0, lastErrors(ledger, sid), "errors of visitor " + i);
            } else {
                String first = seen.get(i).get(0);
                assertEquals(Set.of(first), new HashSet<>(seen.get(i).subList(0, 12)), "visitor " + i + " before its crash");
                assertEquals("crashed", ledger.endOf(first));
                assertEquals(i % 10 == 0 ? 2 : 1, lastErrors(ledger, first), "errors of visitor " + i);
                Set<String> after = new HashSet<>(seen.get(i).subList(12, seen.get(i).size()));
                after.remove(first); // a node may answer the next request before it heard of the crash
                assertTrue(after.size() <= 1, "visitor " + i + " after its crash: " + after);
            }
        }
    }

    @Test
    void aSessionLapsesOnceForTheClusterAtItsLastActivityOnAnyNode() throws Exception {
        start(3);
        Visitor v = new Visitor(http);
        String sid = v.get(nodes.get(0).base, "sid").body();
        clock.advance(Duration.ofMinutes(10));
        assertEquals(sid, v.get(nodes.get(1).base, "sid").body());
        clock.advance(Duration.ofMinutes(10));
        assertEquals(sid, v.get(nodes.get(2).base, "sid").body());
        long lastActivity = clock.millis();
        clock.advance(Duration.ofMinutes(5));
        assertEquals(sid, v.get(nodes.get(0).base, "sid").body(), "node0 missed 25 minutes of activity elsewhere");
        long lastActivity2 = clock.millis();
        assertTrue(lastActivity2 > lastActivity);

        // idle for the timeout plus a heartbeat: every node sweeps, one ends it
        clock.advance(Duration.ofMinutes(32));
        for (Node n : nodes) {
            assertTrue(n.manager.flush(Duration.ofSeconds(20)));
        }
        for (Node n : nodes) {
            assertTrue(n.manager.flush(Duration.ofSeconds(20)));
        }
        IngestLedger ledger = IngestLedger.of(ingest);
        assertEquals("exited", ledger.endOf(sid));
        String next = v.get(nodes.get(1).base, "sid").body();
        assertTrue(!next.equals(sid), "a new session after the lapse");
        stopAll();
        ledger = IngestLedger.of(ingest);
        assertCountedOnce(ledger);
        assertEquals(Set.of(sid, next), ledger.startsAccepted());
        List<IngestLedger.Item> items = ledger.items(sid);
        IngestLedger.Item end = items.get(items.size() - 1);
        assertEquals(lastActivity2, java.time.Instant.parse(end.timestamp().toString()).toEpochMilli(),
                "ended at its last activity, on node0");
    }

    @Test
    void nodesLeavingOneByOneHandTheirSessionsToTheOthers() throws Exception {
        start(3);
        List<Visitor> visitors = new ArrayList<>();
        List<String> sids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            Visitor v = new Visitor(http);
            visitors.add(v);
            sids.add(v.get(nodes.get(i % 3).base, "sid").body());
        }
        // a rolling restart: node0 stops (its users go on on the others), a new node joins, and so on
        for (int step = 0; step < 3; step++) {
            Node leaving = nodes.remove(0);
            leaving.close();
            assertTrue(IngestLedger.of(ingest).endsAccepted().isEmpty(), "a node that leaves ends nothing");
            node("node" + (3 + step));
            for (int i = 0; i < visitors.size(); i++) {
                assertEquals(sids.get(i), visitors.get(i).get(nodes.get(i % 3).base, "sid").body(),
                        "visitor " + i + " keeps its session through the restart of node" + step);
            }
        }
        stopAll();
        IngestLedger ledger = IngestLedger.of(ingest);
        assertCountedOnce(ledger);
        assertEquals(new HashSet<>(sids), ledger.startsAccepted());
        assertEquals(Map.of("exited", 30), ledger.terminalCounts(), "the last node ended them");
    }

    /**
     * Every session started once and ended once, nothing after its end. The start and the end of one
     * session may come from two nodes, whose envelopes reach the ingest in either order: an end that
     * arrives before its start counts the same, so only that kind of orphan is let through, and only
     * when the start did arrive.
     */
    private static void assertCountedOnce(IngestLedger ledger) {
        List<IngestLedger.Violation> violations = new ArrayList<>(ledger.violations(true));
        violations.removeIf(v -> v.invariant() == IngestLedger.Invariant.I1_ORPHAN
                && ledger.startsAccepted().contains(v.sid()));
        Map<IngestLedger.Invariant, Integer> byKind = new TreeMap<>();
        violations.forEach(v -> byKind.merge(v.invariant(), 1, Integer::sum));
        assertTrue(violations.isEmpty(), byKind + " " + ledger.figures() + "\n" + violations.stream().limit(20).toList());
        assertEquals(ledger.startsAccepted().size(), ledger.initItems(), "one init per session");
        assertEquals(ledger.startsAccepted(), ledger.endsAccepted(), "every session ended");
    }

    private static int lastErrors(IngestLedger ledger, String sid) {
        List<IngestLedger.Item> items = ledger.items(sid);
        return items.get(items.size() - 1).errors().intValue();
    }
}
