package dev.sessionhealth.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionhealth.SessionStats;
import dev.sessionhealth.examples.cluster.ShopNode;
import dev.sessionhealth.examples.receiver.HealthCounts;
import dev.sessionhealth.examples.receiver.HealthStats;
import dev.sessionhealth.examples.receiver.ReleaseHealthBoard;
import dev.sessionhealth.examples.simulator.SimulationStatus;
import dev.sessionhealth.testing.IngestLedger;
import dev.sessionhealth.testing.ReceivedEnvelope;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code ./demo --cluster 3}: the simulator's visitors (the same seeds, so the same scripts: logins,
 * handled errors, crashes, logouts) once against the single shop and once against three nodes behind
 * the round-robin proxy, where each visitor's requests spread over the nodes. The embedded receiver
 * must count the same either way, and hold one start and one end per session.
 */
@Timeout(300)
class ClusterDemoTest {

    private static final int USERS = 80;

    /** What one run left at the receiver, once the demo was closed (every session ended and delivered). */
    private record Run(SimulationStatus traffic, HealthStats stats, IngestLedger ledger, int overtaken,
            List<SessionStats> nodes) {
    }

    @Test
    void theSameVisitorsCountTheSameOnOneNodeAndOnThreeNodesBehindTheRoundRobinProxy() throws Exception {
        Run single = run(0);
        Run cluster = run(3);

        HealthCounts one = single.stats().totals();
        HealthCounts three = cluster.stats().totals();
        System.out.println("one node:    " + one + "\n  " + single.ledger().figures());
        System.out.println("three nodes: " + three + "\n  " + cluster.ledger().figures() + "\n  " + cluster.overtaken()
                + " update(s) arrived before their session's start (sent by another node)");

        // the traffic is the same, and has every kind of session in it
        assertEquals(USERS, single.traffic().usersDone(), single.traffic()::toString);
        assertEquals(USERS, cluster.traffic().usersDone(), cluster.traffic()::toString);
        assertEquals(0, single.traffic().failures() + cluster.traffic().failures());
        assertEquals(single.traffic().byStatus(), cluster.traffic().byStatus(), "the same answers, crashes included");
        assertTrue(one.crashed() > 0 && one.errored() > 0 && one.exited() > 0 && one.users() > 0, one::toString);

        // the same counts
        assertEquals(one.started(), three.started(), "sessions");
        assertEquals(single.ledger().initItems(), cluster.ledger().initItems(), "inits");
        assertEquals(one.started(), cluster.ledger().initItems());
        assertEquals(one.exited(), three.exited(), "exited");
        assertEquals(one.errored(), three.errored(), "errored");
        assertEquals(one.crashed(), three.crashed(), "crashed");
        assertEquals(one.abnormal(), three.abnormal(), "abnormal");
        assertEquals(one.users(), three.users(), "users");
        assertEquals(0, three.live(), "every session ended when the demo closed");

        for (Run run : List.of(single, cluster)) {
            assertEquals(0, run.stats().rejected(), () -> run.stats().rejectedByReason().toString());
            assertEquals(0, run.stats().waitingForInit());
            assertOneStartAndOneEndPerSession(run.ledger());
        }

        // every node served: it started sessions, and the nodes started each session once between them
        assertEquals(3, cluster.nodes().size());
        cluster.nodes().forEach(n -> assertTrue(n.started() > 0, "a node that started no session: " + n));
        assertEquals(three.started(), cluster.nodes().stream().mapToLong(SessionStats::started).sum(),
                "sessions started on the nodes");
    }

    /** Runs the simulator once against the demo ({@code nodes} 0: the single shop), then closes it. */
    private static Run run(int nodes) throws Exception {
        DemoConfig config = new DemoConfig("127.0.0.1", 0, false, USERS, Duration.ZERO, nodes);
        List<ReceivedEnvelope> arrived = new CopyOnWriteArrayList<>();
        SimulationStatus traffic;
        ReleaseHealthBoard board;
        List<SessionStats> stats = new ArrayList<>();
        if (nodes == 0) {
            try (DemoServer demo = DemoServer.start(config, options -> options.persistence(false))) {
                board = listen(demo.board(), arrived);
                traffic = demo.simulator().run();
            }
        } else {
            // patient with the cache: three members on two loaded cores can take longer than the 2 s default,
            // and a node that goes offline meanwhile keeps the sessions it starts to itself (counted apart)
            DemoCluster demo = DemoCluster.start(config,
                    options -> options.storeTimeout(java.time.Duration.ofSeconds(30)));
            try {
                assertEquals(nodes, demo.nodes().get(0).clusterSize(), "every node's member joined the others");
                board = listen(demo.board(), arrived);
                traffic = demo.simulator().run();
            } finally {
                demo.close();
            }
            demo.nodes().stream().map(ShopNode::sessions).forEach(m -> stats.add(m.stats()));
        }
        int[] overtaken = new int[1];
        IngestLedger ledger = IngestLedger.of(inCountingOrder(arrived, overtaken));
        return new Run(traffic, board.stats(), ledger, overtaken[0], stats);
    }

    private static ReleaseHealthBoard listen(ReleaseHealthBoard board, List<ReceivedEnvelope> arrived) {
        board.onEnvelope((body, status) -> arrived.add(new ReceivedEnvelope("POST", "/api/1/envelope/", Map.of(),
                body, status)));
        return board;
    }

    /**
     * Every session has exactly one accepted init and one accepted end, nothing after its end, and
     * no session is left open.
     */
    private static void assertOneStartAndOneEndPerSession(IngestLedger ledger) {
        ledger.assertExact(true);
        assertEquals(ledger.startsAccepted().size(), ledger.initItems(), "one init per session");
        assertEquals(ledger.startsAccepted(), ledger.endsAccepted(), "every session ended");
        assertEquals(ledger.startsAccepted().size(),
                ledger.terminalCounts().values().stream().mapToInt(Integer::intValue).sum(), "one end per session");
    }

    /**
     * The session items in the order the receiver counts them: as they arrived, except that an
     * update which arrived before its session's init (the node that ended a session delivered before
     * the one that started it) comes right after that init, as the receiver applies it. One item per
     * envelope; {@code overtaken[0]} is how many items were moved.
     */
    private static List<ReceivedEnvelope> inCountingOrder(List<ReceivedEnvelope> arrived, int[] overtaken) {
        List<ReceivedEnvelope> out = new ArrayList<>();
        Set<String> started = new HashSet<>();
        Map<String, List<ReceivedEnvelope>> waiting = new LinkedHashMap<>();
        for (ReceivedEnvelope envelope : arrived) {
            if (!envelope.accepted()) {
                out.add(envelope);
                continue;
            }
            for (ReceivedEnvelope.Item item : envelope.items()) {
                if (!"session".equals(item.type())) {
                    continue;
                }
                Map<String, Object> json = item.json();
                String sid = String.valueOf(json.get("sid"));
                ReceivedEnvelope alone = alone(envelope, item);
                if (Boolean.TRUE.equals(json.get("init"))) {
                    out.add(alone);
                    if (started.add(sid) && waiting.containsKey(sid)) {
                        out.addAll(waiting.remove(sid));
                    }
                } else if (started.contains(sid)) {
                    out.add(alone);
                } else {
                    waiting.computeIfAbsent(sid, s -> new ArrayList<>()).add(alone);
                    overtaken[0]++;
                }
            }
        }
        waiting.values().forEach(out::addAll); // never started: orphans for the ledger
        return out;
    }

    private static ReceivedEnvelope alone(ReceivedEnvelope envelope, ReceivedEnvelope.Item item) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("{}\n{\"type\":\"session\",\"length\":".getBytes(StandardCharsets.UTF_8));
        body.writeBytes((item.payload().length + "}\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(item.payload());
        return new ReceivedEnvelope(envelope.method(), envelope.path(), envelope.headers(), body.toByteArray(),
                envelope.answered());
    }
}
