package dev.sessionhealth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionhealth.internal.DefaultSessionManager;
import dev.sessionhealth.internal.LocalBinding;
import dev.sessionhealth.internal.session.RequestAggregator.Outcome;
import dev.sessionhealth.testing.MovableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Many threads recording at once give exact totals. */
@Timeout(120)
class ConcurrentRecordingTest extends LocalIngestTest {

    private static final int THREADS = 16;
    private static final int SESSIONS_PER_THREAD = 200;

    private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);

    ConcurrentRecordingTest() {
        super(new MovableClock(Instant.now().truncatedTo(ChronoUnit.MINUTES)));
    }

    /** Runs before the fixture closes the manager. */
    @AfterEach
    void stopPool() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(10, TimeUnit.SECONDS);
    }

    private DefaultSessionManager manager() {
        manager = SessionManager.builder(SessionOptions.builder().dsn(ingest.dsn()).release("shop@2.4.1")
                .queueCapacity(200_000).build()).clock(clock).build();
        return (DefaultSessionManager) manager;
    }

    @Test
    void sixteenThreadsRecordingErrorsGiveExactTotalsPerSession() throws Exception {
        DefaultSessionManager m = manager();
        Map<String, Integer> expected = new ConcurrentHashMap<>();
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            done.add(pool.submit(() -> {
                try (DefaultSessionManager.Scope scope = m.bind(new LocalBinding())) {
                    for (int i = 0; i < SESSIONS_PER_THREAD; i++) {
                        Session s = m.startSession();
                        int errors = ThreadLocalRandom.current().nextInt(6);
                        for (int e = 0; e < errors; e++) {
                            m.recordError(true);
                        }
                        expected.put(s.sid(), errors);
                        m.endSession();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        assertTrue(m.flush(Duration.ofSeconds(60)));

        Map<Object, Map<String, Object>> last = new HashMap<>();
        Map<Object, Integer> inits = new HashMap<>();
        for (Map<String, Object> s : ingest.sessions()) {
            last.put(s.get("sid"), s);
            if (Boolean.TRUE.equals(s.get("init"))) {
                inits.merge(s.get("sid"), 1, Integer::sum);
            }
        }
        assertEquals(THREADS * SESSIONS_PER_THREAD, expected.size());
        assertEquals(expected.keySet(), last.keySet());
        expected.forEach((sid, errors) -> {
            assertEquals(errors, last.get(sid).get("errors"), "errors of " + sid);
            assertEquals("exited", last.get(sid).get("status"));
            assertEquals(1, inits.get(sid), "exactly one init:true for " + sid);
        });
        SessionStats stats = m.stats();
        assertEquals(THREADS * SESSIONS_PER_THREAD, stats.started());
        assertEquals(stats.recorded(), stats.sent(), stats::toString);
        assertTrue(stats.discarded().isEmpty(), stats::toString);
    }

    @Test
    void requestsRecordedWhileMinutesTurnAreEachCountedOnce() throws Exception {
        DefaultSessionManager m = manager();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Future<Long>> recorders = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            recorders.add(pool.submit(() -> {
                long n = 0;
                Outcome[] outcomes = Outcome.values();
                while (running.get()) {
                    m.aggregator().record(outcomes[(int) (n % outcomes.length)]);
                    n++;
                }
                return n;
            }));
        }
        for (int minute = 0; minute < 20; minute++) {
            clock.advance(Duration.ofSeconds(61));
            m.flush(Duration.ofSeconds(5));
        }
        running.set(false);
        long recorded = 0;
        for (Future<Long> f : recorders) {
            recorded += f.get(30, TimeUnit.SECONDS);
        }
        m.close();

        long counted = 0;
        for (Map<String, Object> item : ingest.payloads("sessions")) {
            for (Object bucket : (List<?>) item.get("aggregates")) {
                for (Map.Entry<?, ?> e : ((Map<?, ?>) bucket).entrySet()) {
                    if (!"started".equals(e.getKey())) {
                        counted += ((Number) e.getValue()).longValue();
                    }
                }
            }
        }
        assertEquals(recorded, m.stats().aggregatedRequests());
        assertEquals(recorded, counted, "every request in exactly one bucket");
    }
}
