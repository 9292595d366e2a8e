package dev.sessionhealth.servlet;

import static org.junit.jupiter.api.Assertions.assertAll;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
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
 * SIGKILL at the moments that matter, each in a fresh web application JVM ({@link KilledWebApp}, the
 * filter's own manager, journal every 100 ms, sessions idle for 2 s end): right after the first
 * requests, in the middle of traffic, right after a burst of session ends (crashes, explicit ends,
 * inactivity timeouts), and during an ingest outage. Then a manager starts on the same state
 * directory, flushes and stops, and the ingest's whole history must be exact: every session it
 * counted as started was started once and ended once ({@link IngestLedger} I1 to I4, every session
 * ends), and no session that had ended is reported {@code abnormal} on top. One figures line per
 * scenario in {@link Figures#FILE}.
 */
@Timeout(300)
class KillFaultSuiteTest {

    /** Short enough for the scenario to see the expiry sweep; the journal and flush as in {@link KilledJvmTest}. */
    private static final String[] PARAMS = {"sessionTimeout=2s", "journalInterval=100ms", "flushInterval=200ms"};

    @TempDir
    Path state;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void killedRightAfterTheFirstRequests() throws Exception {
        try (FakeIngest ingest = FakeIngest.start(); App app = new App(ingest)) {
            Set<String> sids = new HashSet<>();
            for (int i = 0; i < 10; i++) {
                sids.add(app.visitor().getOk("app/sid"));
            }
            app.kill();
            restartAndCheck(ingest, "early", sids, new LinkedHashMap<>());
        }
    }

    @Test
    void killedMidTraffic() throws Exception {
        try (FakeIngest ingest = FakeIngest.start(); App app = new App(ingest)) {
            Set<String> sids = ConcurrentHashMap.newKeySet();
            AtomicInteger requests = new AtomicInteger();
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> browsers = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                Thread b = new Thread(() -> browse(app, sids, requests, stop), "mid-traffic-" + t);
                browsers.add(b);
                b.start();
            }
            long started = System.nanoTime();
            Poll.atMost(Duration.ofSeconds(120)).until("traffic flows for two seconds, reaches the ingest and the journal",
                    () -> requests.get() >= 300 && System.nanoTime() - started > 2_000_000_000L
                            && !IngestLedger.of(ingest).sids().isEmpty()
                            && !JournalFile.unfinished(state.resolve("app")).isEmpty());
            app.kill(); // requests in flight
            stop.set(true);
            for (Thread b : browsers) {
                b.join(60_000);
            }
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("requests", requests.get());
            restartAndCheck(ingest, "mid-traffic", sids, f);
        }
    }

    @Test
    void killedRightAfterABurstOfSessionEnds() throws Exception {
        try (FakeIngest ingest = FakeIngest.start(); App app = new App(ingest)) {
            Set<String> sids = new HashSet<>();
            List<Browser> idle = new ArrayList<>();
            Set<String> idleSids = new HashSet<>();
            for (int i = 0; i < 15; i++) {
                Browser v = app.visitor();
                idleSids.add(v.getOk("app/sid"));
                v.getOk("app/handled");
                idle.add(v);
            }
            sids.addAll(idleSids);
            List<Browser> ending = new ArrayList<>();
            Set<String> endingSids = new HashSet<>();
            for (int i = 0; i < 30; i++) {
                Browser v = app.visitor();
                endingSids.add(v.getOk("app/sid"));
                v.getOk("app/handled");
                ending.add(v);
            }
            sids.addAll(endingSids);
            // the idle visitors' sessions time out (2 s) while the others stay active: as soon as the
            // ingest has the first of those ends, the others end too, by request, and once the ingest
            // has the first of these ends too (before the journal's next rewrite), the JVM dies
            Poll.atMost(Duration.ofSeconds(60)).every(Duration.ofMillis(200)).until("the expiry sweep ends idle sessions",
                    () -> {
                        if (IngestLedger.of(ingest).endsAccepted().stream().anyMatch(idleSids::contains)) {
                            return true;
                        }
                        for (Browser v : ending) {
                            v.getOk("app/sid");
                        }
                        return false;
                    });
            for (int i = 0; i < ending.size(); i++) {
                Browser v = ending.get(i);
                if (i % 2 == 0) {
                    v.getOk("app/end");
                } else {
                    assertEquals(500, v.send("GET", "app/boom").statusCode());
                }
            }
            Poll.atMost(Duration.ofSeconds(60)).until("the ends reach the ingest",
                    () -> IngestLedger.of(ingest).endsAccepted().stream().anyMatch(endingSids::contains));
            app.kill();
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("endedByTimeout", idle.size());
            f.put("endedByRequest", ending.size());
            restartAndCheck(ingest, "after-burst-of-ends", sids, f);
        }
    }

    @Test
    void killedDuringAnIngestOutage() throws Exception {
        try (FakeIngest ingest = FakeIngest.start(); App app = new App(ingest)) {
            Set<String> sids = new HashSet<>();
            List<Browser> before = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                Browser v = app.visitor();
                sids.add(v.getOk("app/sid"));
                before.add(v);
            }
            Poll.atMost(Duration.ofSeconds(60)).until("the first sessions reached the ingest",
                    () -> IngestLedger.of(ingest).startsAccepted().size() >= 10);
            ingest.stop();
            int during = 0;
            for (int i = 0; i < before.size(); i++) {
                Browser v = before.get(i);
                v.getOk("app/handled");
                if (i % 3 == 0) {
                    v.getOk("app/end");
                } else if (i % 3 == 1) {
                    v.send("GET", "app/boom");
                }
            }
            for (int i = 0; i < 20; i++) {
                Browser v = app.visitor();
                sids.add(v.getOk("app/sid"));
                v.getOk("app/handled");
                if (i % 4 == 0) {
                    v.getOk("app/end");
                }
                during++;
                Thread.sleep(50); // spread over a second: the sender tries, fails, keeps on disk
            }
            app.kill();
            ingest.restart();
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("visitorsBeforeOutage", before.size());
            f.put("visitorsDuringOutage", during);
            restartAndCheck(ingest, "during-outage", sids, f);
        }
    }

    /** Visitors one after another: three requests each, ending some by request and some by a crash. */
    private static void browse(App app, Set<String> sids, AtomicInteger requests, AtomicBoolean stop) {
        try {
            for (int n = 0; !stop.get(); n++) {
                Browser v = app.visitor();
                sids.add(v.getOk("app/sid"));
                v.getOk("app/handled");
                if (n % 5 == 0) {
                    v.getOk("app/end");
                } else if (n % 5 == 1) {
                    v.send("GET", "app/boom");
                } else {
                    v.getOk("app/sid");
                }
                requests.addAndGet(3);
            }
        } catch (RuntimeException | AssertionError killed) {
            // the application died under the request: what the scenario is about
        }
    }

    /**
     * A manager on the killed application's state directory reports what it left, delivers what it
     * kept, and stops; then the figures are written and the ingest's whole history checked.
     */
    private void restartAndCheck(FakeIngest ingest, String scenario, Set<String> visitors,
            Map<String, Object> figures) {
        SessionOptions options = SessionOptions.builder().dsn(ingest.dsn()).release("shop@1.0.0")
                .stateDirectory(state.resolve("app").toString()).build();
        try (SessionManager restarted = SessionManager.create(options)) {
            assertTrue(restarted.flush(Duration.ofSeconds(30)), "the restarted manager delivered what was left");
        }
        IngestLedger ledger = IngestLedger.of(ingest);
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("visitors", visitors.size());
        // sessions the ingest never heard of: not counted at all (no invariant sees them)
        f.put("visitorsUnknownToIngest", visitors.stream().filter(sid -> !ledger.sids().contains(sid)).count());
        f.putAll(figures);
        f.putAll(ledger.figureMap());
        Figures.record("kill-" + scenario, f);
        assertAll(() -> assertEquals(Set.of(), ledger.abnormalAfterEnd(),
                        "sessions reported abnormal after an accepted exited/crashed"),
                () -> ledger.assertExact(true));
    }

    /** The web application in its own JVM, on {@link #state}; {@link #kill()} is SIGKILL. */
    private final class App implements AutoCloseable {
        private final Process process;
        private final URI base;

        App(FakeIngest ingest) throws Exception {
            Path log = state.resolve("app.log");
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-cp", System.getProperty("java.class.path"), KilledWebApp.class.getName(),
                    ingest.dsn(), state.resolve("app").toString()));
            command.addAll(List.of(PARAMS));
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            base = URI.create("http://127.0.0.1:" + KilledJvmTest.port(log) + "/shop/");
        }

        Browser visitor() {
            return new Browser(http, base);
        }

        void kill() throws InterruptedException {
            process.destroyForcibly(); // SIGKILL: no shutdown hook, no filter destroy, no close()
            assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }
}
