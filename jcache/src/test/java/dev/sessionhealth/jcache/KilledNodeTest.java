package dev.sessionhealth.jcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionhealth.SessionOptions;
import dev.sessionhealth.testing.FakeIngest;
import dev.sessionhealth.testing.IngestLedger;
import dev.sessionhealth.testing.Poll;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
        String cluster = "sessionhealth-kill-" + System.nanoTime();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        List<Node> survivors = new ArrayList<>();
        Process killed = null;
        try (FakeIngest ingest = FakeIngest.start()) {
            killed = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), NodeMain.class.getName(), "killed", cluster,
                    String.valueOf(PORT), ingest.dsn()).redirectErrorStream(true).start();
            URI killedBase = awaitReady(killed);
            SessionOptions options = SessionOptions.builder().dsn(ingest.dsn()).release("shop@1.0.0")
                    .persistence(false).flushInterval(Duration.ofMillis(200)).build();
            for (String name : List.of("a", "b")) {
                survivors.add(Node.start(name, cluster, PORT, options, InstantSource.system(), Duration.ofSeconds(60)));
            }
            List<URI> three = List.of(killedBase, survivors.get(0).base, survivors.get(1).base);

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

            killed.destroyForcibly(); // SIGKILL
            assertTrue(killed.waitFor(30, TimeUnit.SECONDS));

            for (int round = 6; round < 12; round++) {
                for (int i = 0; i < users; i++) {
                    URI node = survivors.get((i + round) % 2).base;
                    assertEquals(sids.get(i), body(visitors.get(i).get(node, "sid")),
                            "visitor " + i + " keeps its session after the kill, on " + node);
                }
            }
            for (Node n : survivors) {
                n.close(); // the last one ends what is open
            }
            survivors.clear();

            IngestLedger ledger = IngestLedger.of(ingest);
            ledger.assertExact(true);
            assertEquals(new HashSet<>(sids), ledger.startsAccepted());
            assertEquals(Map.of("exited", users), ledger.terminalCounts(), "no abnormal, no second end");
        } finally {
            if (killed != null) {
                killed.destroyForcibly();
            }
            for (Node n : survivors) {
                n.close();
            }
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
        String cluster = "sessionhealth-kill1000-" + System.nanoTime();
        int port = PORT + 100 > 6700 ? PORT - 100 : PORT + 100;
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        List<Node> survivors = new ArrayList<>();
        Process killed = null;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(24);
        try (FakeIngest ingest = FakeIngest.start()) {
            killed = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), NodeMain.class.getName(), "killed", cluster,
                    String.valueOf(port), ingest.dsn(), String.valueOf(FAILOVER_MILLIS)).redirectErrorStream(true).start();
            URI killedBase = awaitReady(killed);
            SessionOptions options = SessionOptions.builder().dsn(ingest.dsn()).release("shop@1.0.0")
                    .persistence(false).flushInterval(Duration.ofMillis(200)).build();
            for (String name : List.of("a", "b")) {
                survivors.add(Node.start(name, cluster, port, options, InstantSource.system(), Duration.ofSeconds(60),
                        FAILOVER_MILLIS));
            }
            List<URI> three = List.of(killedBase, survivors.get(0).base, survivors.get(1).base);
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
                    killed.destroyForcibly(); // SIGKILL, with the round's requests still coming in
                    assertTrue(killed.waitFor(30, TimeUnit.SECONDS));
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
            for (Node n : survivors) {
                n.close(); // the last one ends what is open
            }
            survivors.clear();

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
            if (killed != null) {
                killed.destroyForcibly();
            }
            for (Node n : survivors) {
                n.close();
            }
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
        String cluster = "sessionhealth-unsent-" + System.nanoTime();
        int port = PORT + 200 > 6700 ? PORT - 200 : PORT + 200;
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        List<Node> survivors = new ArrayList<>();
        Process killed = null;
        try (FakeIngest ingest = FakeIngest.start()) {
            killed = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), NodeMain.class.getName(), "killed", cluster,
                    String.valueOf(port), ingest.dsn(), String.valueOf(Node.PATIENT_MILLIS), "60000")
                    .redirectErrorStream(true).start();
            URI killedBase = awaitReady(killed);
            SessionOptions options = SessionOptions.builder().dsn(ingest.dsn()).release("shop@1.0.0")
                    .persistence(false).flushInterval(Duration.ofMillis(200)).build();
            for (String name : List.of("a", "b")) {
                survivors.add(Node.start(name, cluster, port, options, InstantSource.system(), Duration.ofSeconds(60)));
            }
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

            killed.destroyForcibly(); // SIGKILL: 20 starts and 15 ends never sent
            assertTrue(killed.waitFor(30, TimeUnit.SECONDS));
            for (int i = 0; i < users; i++) {
                for (Node n : survivors) {
                    seen.add(body(visitors.get(i).get(n.base, "sid")));
                }
            }
            for (int i = 0; i < users; i += 5) { // some crash now, on a or b
                assertEquals(500, visitors.get(i).get(survivors.get(i % 2).base, "boom").statusCode());
            }
            Thread.sleep(JCacheSessionStore.NODE_SILENT_MILLIS + 1_000); // the killed node silent long enough to be gone
            for (Node n : survivors) {
                n.close(); // the last one ends what is open, and sends what the killed node did not
            }
            survivors.clear();

            IngestLedger ledger = IngestLedger.of(ingest);
            ledger.assertExact(true);
            assertEquals(seen, ledger.startsAccepted(), "every session started once");
            assertEquals(users / 5 + crashedThere, ledger.terminalCounts().getOrDefault("crashed", 0),
                    "every crash, once: " + ledger.terminalCounts());
        } finally {
            if (killed != null) {
                killed.destroyForcibly();
            }
            for (Node n : survivors) {
                n.close();
            }
        }
    }

    private static String body(HttpResponse<String> r) {
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    /** Reads the child's output until it says where it serves (its Hazelcast log lines come first). */
    static URI awaitReady(Process p) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        List<String> seen = new ArrayList<>();
        for (String line; (line = out.readLine()) != null; ) {
            if (line.startsWith("READY ")) {
                URI base = URI.create(line.substring(6).trim());
                Thread drain = new Thread(() -> {
                    try {
                        while (out.readLine() != null) {
                            // keep the pipe empty so the child never blocks on its log
                        }
                    } catch (java.io.IOException ignored) {
                        // killed
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return base;
            }
            seen.add(line);
        }
        throw new AssertionError("the node process ended before it was ready:\n" + String.join("\n", seen));
    }
}
