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
