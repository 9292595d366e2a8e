package dev.sessionhealth.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionhealth.SessionManager;
import dev.sessionhealth.SessionOptions;
import dev.sessionhealth.testing.Browser;
import dev.sessionhealth.testing.FakeIngest;
import dev.sessionhealth.testing.IngestLedger;
import dev.sessionhealth.testing.Poll;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A web application's JVM killed with SIGKILL while visitors are active: after a restart on the same
 * state directory, every session it had journaled is reported {@code abnormal} exactly once, and a
 * second restart reports nothing. Sessions started after the last journal write (at most about a
 * second before the kill: maintenance runs every second) stay open forever at the ingest; the
 * figures say how many.
 */
class KilledJvmTest {

    @TempDir
    Path state;

    @Test
    @Timeout(300)
    void jvmKilledMidTrafficReportsJournaledSessionsAbnormalOnceAfterRestart() throws Exception {
        try (FakeIngest ingest = FakeIngest.start()) {
            Path log = state.resolve("app.log");
            Process app = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), KilledWebApp.class.getName(), ingest.dsn(),
                    state.resolve("app").toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                URI base = URI.create("http://127.0.0.1:" + port(log) + "/shop/");
                HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
                Set<String> early = visit(http, base, 20);
                Poll.atMost(Duration.ofSeconds(60)).until("inits delivered", () -> inits(ingest).containsAll(early));
                Poll.atMost(Duration.ofSeconds(60)).until("the running application journals its open sessions",
                        () -> journaled().containsAll(early));
                Kill kill = killMidTraffic(app, http, base);
                Set<String> deliveredBeforeKill = inits(ingest);

                Map<String, Integer> abnormal = restart(ingest);
                assertTrue(abnormal.values().stream().allMatch(n -> n == 1), "reported once: " + abnormal);
                assertTrue(abnormal.keySet().containsAll(early), "every journaled session reported abnormal");
                assertTrue(abnormal.keySet().containsAll(kill.journaled()), "including those of the traffic");
                Set<String> known = new java.util.HashSet<>(early);
                known.addAll(kill.late());
                assertTrue(known.containsAll(abnormal.keySet()), "only sessions that existed");
                assertEquals(Map.of(), restart(ingest), "a second restart reports nothing again");

                Map<String, Object> f = new LinkedHashMap<>();
                f.put("sessions", known.size());
                f.put("requestsMidTraffic", kill.requests());
                f.put("initsDeliveredBeforeKill", deliveredBeforeKill.size());
                f.put("journaledBeforeKill", kill.journaled().size());
                f.put("reportedAbnormal", abnormal.size());
                f.put("notJournaledInTime", known.size() - abnormal.size());
                f.put("duplicates", abnormal.values().stream().mapToInt(n -> n - 1).sum());
                f.put("secondRestartReported", 0);
                Figures.record("sigkill-mid-traffic", f);

                // over every envelope of the three processes: each session started once, ended once,
                // and its end no older than what was sent before it
                IngestLedger ledger = IngestLedger.of(ingest);
                Figures.record("sigkill-mid-traffic-ledger", ledger.figureMap());
                ledger.assertExact(true);
            } finally {
                app.destroyForcibly();
            }
        }
    }

    /** What the kill interrupted: the sids of the visitors meanwhile, their requests, the journal just before. */
    private record Kill(Set<String> late, int requests, Set<String> journaled) {
    }

    /** New visitors keep browsing; once the journal has caught up with some of them, SIGKILL. */
    private Kill killMidTraffic(Process app, HttpClient http, URI base) throws Exception {
        Set<String> late = ConcurrentHashMap.newKeySet();
        AtomicInteger requests = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        Thread traffic = new Thread(() -> keepVisiting(http, base, late, requests, stop), "mid-traffic");
        traffic.start();
        Poll.atMost(Duration.ofSeconds(120)).until("traffic flows and the journal has caught up with some of it",
                () -> requests.get() >= 150 && late.stream().anyMatch(journaled()::contains));
        // open sessions stay open (no ending in this traffic): every later journal still lists these
        Set<String> journaledBeforeKill = journaled();
        app.destroyForcibly(); // SIGKILL, requests in flight
        assertTrue(app.waitFor(30, TimeUnit.SECONDS));
        stop.set(true);
        traffic.join(60_000);
        return new Kill(late, requests.get(), journaledBeforeKill);
    }

    /** Starts a manager on the killed application's state directory, flushes and stops it; the abnormal reports. */
    private Map<String, Integer> restart(FakeIngest ingest) {
        ingest.clear();
        SessionOptions options = SessionOptions.builder().dsn(ingest.dsn()).release("shop@1.0.0")
                .stateDirectory(state.resolve("app").toString()).build();
        try (SessionManager restarted = SessionManager.create(options)) {
            assertTrue(restarted.flush(Duration.ofSeconds(30)));
        }
        return abnormal(ingest);
    }

    /** The port the application in another JVM printed ({@code READY <port>}) to its log. */
    static int port(Path log) throws Exception {
        String port = Poll.atMost(Duration.ofSeconds(120)).ignoring(java.io.IOException.class).until(
                "the application started (READY <port> in " + log + ")",
                () -> Files.readAllLines(log, StandardCharsets.UTF_8).stream().filter(line -> line.startsWith("READY "))
                        .map(line -> line.substring(6).trim()).findFirst(),
                java.util.Optional::isPresent).orElseThrow();
        return Integer.parseInt(port);
    }

    /** {@code count} visitors, each with three page views and a handled error; their sids. */
    private static Set<String> visit(HttpClient http, URI base, int count) {
        Set<String> sids = new java.util.HashSet<>();
        for (int i = 0; i < count; i++) {
            Browser v = new Browser(http, base);
            sids.add(v.getOk("app/sid"));
            v.getOk("app/handled");
            v.getOk("app/sid");
        }
        return sids;
    }

    /** New visitors, one after another, until stopped or the application is gone. */
    private static void keepVisiting(HttpClient http, URI base, Set<String> sids, AtomicInteger requests,
            AtomicBoolean stop) {
        List<Browser> visitors = new ArrayList<>();
        try {
            while (!stop.get()) {
                Browser v = new Browser(http, base);
                visitors.add(v);
                for (int i = 0; i < 3 && !stop.get(); i++) {
                    sids.add(v.getOk(i == 1 ? "app/handled" : "app/sid"));
                    requests.incrementAndGet();
                }
            }
        } catch (RuntimeException | AssertionError killed) {
            // the application died under the request: what the scenario is about
        }
    }

    private static Set<String> inits(FakeIngest ingest) {
        Set<String> out = new java.util.HashSet<>();
        for (Map<String, Object> s : ingest.sessions()) {
            if (Boolean.TRUE.equals(s.get("init"))) {
                out.add((String) s.get("sid"));
            }
        }
        return out;
    }

    private static Map<String, Integer> abnormal(FakeIngest ingest) {
        Map<String, Integer> out = new HashMap<>();
        for (Map<String, Object> s : ingest.sessions()) {
            if ("abnormal".equals(s.get("status"))) {
                out.merge((String) s.get("sid"), 1, Integer::sum);
            }
        }
        return out;
    }

    /** The sids in the application's journal now, started and not done. */
    private Set<String> journaled() {
        return JournalFile.unfinished(state.resolve("app"));
    }
}
