package dev.sessionhealth.jcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.sessionhealth.SessionOptions;
import dev.sessionhealth.testing.FakeIngest;
import dev.sessionhealth.testing.IngestLedger;
import dev.sessionhealth.testing.MovableClock;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * HTTP-session mode on two nodes whose container shares its HTTP sessions (serialized in one store
 * both read and write, as replicating or persisting containers do), with the shared store: each HTTP session
 * is one tracked session, started once and ended once, whichever node serves it, and a logout on one
 * node ends it once.
 */
@Timeout(180)
class HttpSessionModeTest {

    private static final int PORT = 5801 + ThreadLocalRandom.current().nextInt(0, 90) * 10;

    @Test
    void aReplicatedHttpSessionIsOneTrackedSessionOnEveryNode() throws Exception {
        Map<String, byte[]> sessions = new java.util.concurrent.ConcurrentHashMap<>();
        String cluster = "sessionhealth-http-" + System.nanoTime();
        MovableClock clock = new MovableClock();
        List<Node> nodes = new ArrayList<>();
        try (FakeIngest ingest = FakeIngest.start()) {
            SessionOptions options = SessionOptions.builder().dsn(ingest.dsn()).release("shop@1.0.0")
                    .persistence(false).flushInterval(Duration.ofMillis(200)).build();
            for (String name : List.of("a", "b")) {
                nodes.add(Node.start(name, cluster, PORT, options, clock, Duration.ofSeconds(60), sessions));
            }
            HttpClient http = HttpClient.newHttpClient();
            int users = 40;
            List<Visitor> visitors = new ArrayList<>();
            List<List<String>> seen = new ArrayList<>();
            for (int i = 0; i < users; i++) {
                visitors.add(new Visitor(http));
                seen.add(new ArrayList<>());
            }
            // every 4th visitor logs out on its 7th request and comes back in a new HTTP session
            for (int round = 0; round < 10; round++) {
                for (int i = 0; i < users; i++) {
                    Node n = nodes.get((i + round) % 2);
                    if (round == 6 && i % 4 == 0) {
                        assertEquals("bye", visitors.get(i).get(n.base, "invalidate").body());
                    } else {
                        seen.get(i).add(visitors.get(i).get(n.base, "sid").body());
                    }
                }
            }
            for (int i = 0; i < users; i++) {
                List<String> sids = seen.get(i);
                if (i % 4 != 0) {
                    assertEquals(1, new HashSet<>(sids).size(), "visitor " + i + " on both nodes: " + sids);
                } else {
                    assertEquals(Set.of(sids.get(0)), new HashSet<>(sids.subList(0, 6)), "visitor " + i + " before");
                    assertEquals(Set.of(sids.get(6)), new HashSet<>(sids.subList(6, sids.size())), "visitor " + i + " after");
                    assertNotEquals(sids.get(0), sids.get(6), "a new session after the logout");
                }
            }
            for (Node n : nodes) {
                n.close();
            }
            nodes.clear();

            IngestLedger ledger = IngestLedger.of(ingest);
            ledger.assertExact(true);
            Set<String> expected = new HashSet<>();
            seen.forEach(expected::addAll);
            assertEquals(expected, ledger.startsAccepted());
            assertEquals(users + users / 4, expected.size());
            assertEquals(Map.of("exited", users + users / 4), ledger.terminalCounts());
        } finally {
            for (Node n : nodes) {
                n.close();
            }
        }
    }
}
