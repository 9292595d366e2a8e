package dev.sessionhealth.jcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Three nodes, one of them in a process of its own, which is killed with -9 in the middle of the
 * traffic: its users go on on the two others in the same sessions, nothing is reported abnormal,
 * and every session is started once and ended once.
 */
@Timeout(300)
class KilledNodeTest {

    /** How long requests wait for the cache in the test that kills a member mid-traffic. */
    private static final long FAILOVER_MILLIS = 30_000;
    private static final int PORT = 5801 + ThreadLocalRandom.current().nextInt(0, 90) * 10;

    @Test
    void theUsersOfANodeKilledWithMinus9GoOnInTheirSessionsOnTheOthers() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        try (Trio trio = new Trio("kill", PORT, Node.PATIENT_MILLIS, 200)) {
            FakeIngest ingest = trio.ingest;
            List<Node> survivors = trio.survivors;
            List<URI> three = trio.three();

            int users = 150;
            List<Visitor> visitors = new ArrayList<>();
            List<String> sids = new ArrayList<>();
            for (int i = 0; i < users; i++) {
                Visitor v = new Visitor(http);
                visitors.add(v);
                sids.add(body(v.get(three.get(i % 3), "sid")));
            }
            for (int round = 1; round < 6; round++) {
                for (int i = 0; i < users; i++) {
                    assertEquals(sids.get(i), body(visitors.get(i).get(three.get((i + round) % 3), "sid")));
                }
            }
            // what the killed node recorded has reached the ingest: the starts it sent are not in question here
            Poll.atMost(Duration.ofSeconds(30)).until(() -> "every start delivered before the kill: "
                    + IngestLedger.of(ingest).figures(), () -> IngestLedger.of(ingest).startsAccepted().size() == users);

            trio.kill(); // SIGKILL

            for (int round = 6; round < 12; round++) {
                for (int i = 0; i < users; i++) {
                    URI node = survivors.get((i + round) % 2).base;
                    assertEquals(sids.get(i), body(visitors.get(i).get(node, "sid")),
                            "visitor " + i + " keeps its session after the kill, on " + node);
                }
            }
            trio.closeSurvivors(); // the last one ends what is open

            IngestLedger ledger = IngestLedger.of(ingest);
            ledger.assertExact(true);
            assertEquals(new HashSet<>(sids), ledger.startsAccepted());
            assertEquals(Map.of("exited", users), ledger.terminalCounts(), "no abnormal, no second end");
        }
    }

    /**
     * A thousand visitors, twenty requests each, spread round-robin over three nodes, one of them in
     * a process of its own, which is killed with -9 while a round of requests is under way: every
     * visitor keeps one session to the end (except the ones whose session crashed, who get one more),
     * with one start, one end, no {@code abnormal}, and the errors and crashes exactly as caused.
     * Requests wait for the cache long enough for the grid to move the killed member's partitions to
     * the others (a few seconds): with a shorter bound, a node goes offline meanwhile, and then the users
     * whose session crashed may get one session more (see GridOutageTest).
     */
    @Test
    void aThousandVisitorsOverThreeNodesOneKilledMidTrafficCountExactlyAsCaused() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(24);
        try (Trio trio = new Trio("kill1000", PORT + 100 > 6700 ? PORT - 100 : PORT + 100, FAILOVER_MILLIS, 200)) {
            FakeIngest ingest = trio.ingest;
            List<Node> survivors = trio.survivors;
            List<URI> three = trio.three();
            int users = 1_000;
            List<Visitor> visitors = new ArrayList<>();
            List<Set<String>> sids = new ArrayList<>();
            for (int i = 0; i < users; i++) {
                visitors.add(new Visitor(http));
                sids.add(java.util.concurrent.ConcurrentHashMap.newKeySet());
            }
            int killRound = 10;
            for (int round = 0; round < 20; round++) {
                int r = round;
                List<java.util.concurrent.Callable<HttpResponse<String>>> calls = new ArrayList<>();
                for (int i = 0; i < users; i++) {
                    Visitor v = visitors.get(i);
                    // up to the kill round on all three nodes, then on the two that are left
                    URI node = r <= killRound ? three.get((i + r) % 3) : survivors.get((i + r) % 2).base;
                    // a handled error for every 10th visitor in round 5, a crash for every 25th in round 14
                    String path = r == 5 && i % 10 == 0 ? "handled" : r == 14 && i % 25 == 0 ? "boom" : "sid";
                    calls.add(() -> v.get(node, path));
                }
                List<java.util.concurrent.Future<HttpResponse<String>>> answers = new ArrayList<>();
                for (var call : calls) {
                    answers.add(pool.submit(call));
                }
                if (r == killRound) {
                    Poll.atMost(Duration.ofSeconds(60)).until("part of the round answered",
                            () -> answers.stream().filter(java.util.concurrent.Future::isDone).count() > users / 2);
                    trio.kill(); // SIGKILL, with the round's requests still coming in
                }
                for (int i = 0; i < users; i++) {
                    HttpResponse<String> answer;
                    try {
                        answer = answers.get(i).get(120, TimeUnit.SECONDS);
                    } catch (java.util.concurrent.ExecutionException e) {
                        assertEquals(killRound, r, "only requests to the killed node fail: " + e.getCause());
                        continue;
                    }
                    if (answer.statusCode() == 200) {
                        sids.get(i).add(answer.body());
                    } else {
                        assertEquals(500, answer.statusCode(), "only the crashing requests fail");
                    }
                }
            }
            trio.closeSurvivors(); // the last one ends what is open

            int crashes = users / 25;
            for (int i = 0; i < users; i++) {
                assertEquals(i % 25 == 0 ? 2 : 1, sids.get(i).size(), "visitor " + i + "'s sessions: " + sids.get(i));
            }
            IngestLedger ledger = IngestLedger.of(ingest);
            ledger.assertExact(true);
            Set<String> all = new java.util.HashSet<>();
            sids.forEach(all::addAll);
            assertEquals(all, ledger.startsAccepted());
            assertEquals(Map.of("exited", users, "crashed", crashes), ledger.terminalCounts(),
                    "no abnormal, no second end");
            int errored = 0;
            for (String sid : all) {
                List<IngestLedger.Item> items = ledger.items(sid);
                errored += items.get(items.size() - 1).errors().intValue() > 0 ? 1 : 0;
            }
            // the 10th visitors' handled error, and the crashes: visitors 0, 50, 100, ... have both in one session
            assertEquals(users / 10 + crashes - users / 50, errored, "sessions with errors");
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * A node is killed before its sender sent the starts of the sessions it started and the ends of the
     * sessions it ended (it batches for a minute): the nodes that go on send each such start with the
     * session's end, and each such end, once, once the killed node has been silent for a while; a node
     * that leaves gracefully, as the others do here, keeps its starts and ends its own.
     */
    @Test
    void theStartsAndEndsAKilledNodeHadNotSentAreSentOnceByTheOthers() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        try (Trio trio = new Trio("unsent", PORT + 200 > 6700 ? PORT - 200 : PORT + 200, Node.PATIENT_MILLIS, 60_000)) {
            FakeIngest ingest = trio.ingest;
            List<Node> survivors = trio.survivors;
            URI killedBase = trio.killedBase;
            int users = 60;
            List<Visitor> visitors = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < users; i++) {
                Visitor v = new Visitor(http);
                visitors.add(v);
                // every third user starts on the node that is killed, the others on a or b
                URI first = i % 3 == 0 ? killedBase : survivors.get(i % 2).base;
                seen.add(body(v.get(first, "sid")));
                seen.add(body(v.get(survivors.get((i + 1) % 2).base, "sid")));
            }
            int crashedThere = 0;
            for (int i = 0; i < users; i += 4) { // crashes on the node that is killed: their ends wait there
                assertEquals(500, visitors.get(i).get(killedBase, "boom").statusCode());
                crashedThere++;
            }
            Thread.sleep(1_000); // a's and b's starts are sent; the killed node's wait for its minute

            trio.kill(); // SIGKILL: 20 starts and 15 ends never sent
            for (int i = 0; i < users; i++) {
                for (Node n : survivors) {
                    seen.add(body(visitors.get(i).get(n.base, "sid")));
                }
            }
            for (int i = 0; i < users; i += 5) { // some crash now, on a or b
                assertEquals(500, visitors.get(i).get(survivors.get(i % 2).base, "boom").statusCode());
            }
            Thread.sleep(JCacheSessionStore.NODE_SILENT_MILLIS + 1_000); // the killed node silent long enough to be gone
            trio.closeSurvivors(); // the last one ends what is open, and sends what the killed node did not

            IngestLedger ledger = IngestLedger.of(ingest);
            ledger.assertExact(true);
            assertEquals(seen, ledger.startsAccepted(), "every session started once");
            assertEquals(users / 5 + crashedThere, ledger.terminalCounts().getOrDefault("crashed", 0),
                    "every crash, once: " + ledger.terminalCounts());
        }
    }

    /**
     * A node is killed while the ingest, which has already counted its envelope of starts, holds the
     * answer, and while crashes it claimed wait for its sender: the nodes that take its sessions over
     * send none of those starts again, and send each of those crashes once. They end the sessions it
     * started without their start.
     */
    @Test
    void whatAKilledNodeSentWhileTheIngestHeldTheAnswerIsNotSentAgain() throws Exception {
        killedWhileTheIngestHoldsTheAnswer("held", PORT + 300 > 6700 ? PORT - 300 : PORT + 300, true);
    }

    /**
     * As above, but nothing happens on the other nodes after the kill until they shut down: the last
     * one to leave notes what the killed node had on its way before it takes over the ends the killed
     * node claimed and had not sent (its sender waited on the held answer).
     */
    @Test
    void theLastNodeToLeaveNotesWhatAKilledNodeHadOnItsWayBeforeItTakesOver() throws Exception {
        killedWhileTheIngestHoldsTheAnswer("held-last", PORT + 400 > 6700 ? PORT - 400 : PORT + 400, false);
    }

    private void killedWhileTheIngestHoldsTheAnswer(String name, int port, boolean crashesAfterwards) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        try (Trio trio = new Trio(name, port, Node.PATIENT_MILLIS, 200)) {
            FakeIngest ingest = trio.ingest;
            ingest.answerByDefault(FakeIngest.Reply.slow(Duration.ofSeconds(5))); // stored at once, answered late
            List<Node> survivors = trio.survivors;
            int users = 12;
            List<Visitor> visitors = new ArrayList<>();
            Set<String> startedThere = new HashSet<>();
            for (int i = 0; i < users; i++) {
                Visitor v = new Visitor(http);
                visitors.add(v);
                startedThere.add(body(v.get(trio.killedBase, "sid")));
                body(v.get(survivors.get(i % 2).base, "sid")); // served by the others too
            }
            javax.cache.Cache<String, Object> cache = JCacheStorage.cache(survivors.get(0).caches);
            Poll.atMost(Duration.ofSeconds(60)).until(() -> "the ingest stored the killed node's starts: "
                    + IngestLedger.of(ingest).startsAccepted(),
                    () -> IngestLedger.of(ingest).startsAccepted().containsAll(startedThere));
            Poll.atMost(Duration.ofSeconds(60)).until("the cache has each start as sent or on its way", () -> {
                Set<String> known = new HashSet<>();
                boolean held = false;
                for (javax.cache.Cache.Entry<String, Object> e : cache) {
                    if (e.getValue() instanceof SharedSession session) {
                        for (SharedSession x = session; x != null; x = x.previous()) {
                            if (x.startSent()) {
                                known.add(x.sid().toString().replace("-", ""));
                            }
                        }
                    } else if (e.getKey().startsWith("o:") && e.getValue() instanceof List<?> items) {
                        for (Object item : items) {
                            held = true;
                            if (item.toString().startsWith("s")) {
                                known.add(item.toString().substring(1, 37).replace("-", ""));
                            }
                        }
                    }
                }
                return held && known.containsAll(startedThere);
            });
            // crashes on the node that is killed, while its sender waits for the held answer: it claims
            // their ends and never sends them
            for (int i = 0; i < users; i += 3) {
                assertEquals(500, visitors.get(i).get(trio.killedBase, "boom").statusCode());
            }
            trio.kill(); // SIGKILL, the answers not read

            ingest.answerByDefault(FakeIngest.Reply.status(200));
            Thread.sleep(JCacheSessionStore.NODE_SILENT_MILLIS + 2_000); // the killed node silent long enough to be gone
            int crashes = users / 3;
            if (crashesAfterwards) {
                for (int i = 1; i < users; i += 3) { // some crash on the others now
                    assertEquals(500, visitors.get(i).get(survivors.get(i % 2).base, "boom").statusCode());
                }
                crashes += users / 3;
            }
            trio.closeSurvivors(); // the last one ends what is open

            IngestLedger ledger = IngestLedger.of(ingest);
            ledger.assertExact(true);
            assertEquals(startedThere, ledger.startsAccepted(), "every session started once");
            assertEquals(crashes, ledger.terminalCounts().getOrDefault("crashed", 0),
                    "every crash once: " + ledger.terminalCounts());
        }
    }

    /** Three nodes sending to one ingest: one in a process of its own, to be killed, and two in this JVM. */
    private static final class Trio implements AutoCloseable {
        final FakeIngest ingest = FakeIngest.start();
        final List<Node> survivors = new ArrayList<>();
        Process killed;
        URI killedBase;

        /** With requests waiting for the cache up to {@code timeoutMillis}, the killed node batching for {@code flushMillis}. */
        Trio(String name, int port, long timeoutMillis, long flushMillis) throws Exception {
            String cluster = "sessionhealth-" + name + "-" + System.nanoTime();
            try {
                ChildJvm.Ready child = ChildJvm.start(NodeMain.class, "killed", cluster, String.valueOf(port),
                        ingest.dsn(), String.valueOf(timeoutMillis), String.valueOf(flushMillis));
                killed = child.process();
                killedBase = child.base();
                SessionOptions options = SessionOptions.builder().dsn(ingest.dsn()).release("shop@1.0.0")
                        .persistence(false).flushInterval(Duration.ofMillis(200)).build();
                for (String node : List.of("a", "b")) {
                    survivors.add(Node.start(node, cluster, port, options, InstantSource.system(),
                            Duration.ofSeconds(60), timeoutMillis));
                }
            } catch (Exception | Error e) {
                close();
                throw e;
            }
        }

        List<URI> three() {
            return List.of(killedBase, survivors.get(0).base, survivors.get(1).base);
        }

        /** kill -9 of the node in its own process. */
        void kill() throws InterruptedException {
            killed.destroyForcibly();
            assertTrue(killed.waitFor(30, TimeUnit.SECONDS));
        }

        /** Closes the two other nodes one after the other: the last one ends what is open. */
        void closeSurvivors() throws Exception {
            for (Node n : survivors) {
                n.close();
            }
            survivors.clear();
        }

        @Override
        public void close() throws Exception {
            try {
                if (killed != null) {
                    killed.destroyForcibly();
                }
                closeSurvivors();
            } finally {
                ingest.close();
            }
        }
    }

    private static String body(HttpResponse<String> r) {
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

}
