package dev.sessionhealth.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionhealth.internal.session.SessionState;
import dev.sessionhealth.testing.Browser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A thousand visitors with their own cookie jars, twenty requests each, fifty client threads. Each
 * round sends every visitor's next request, so all thousand sessions are open at once.
 */
@Timeout(300)
abstract class LoadContract extends ContractBase {

    static final int USERS = 1_000;
    static final int REQUESTS = 20;
    static final int THREADS = 50;

    @Test
    void thousandConcurrentVisitorsMakeExactlyAThousandSessionsAndEveryRequestCounts() throws Exception {
        h.start(Map.of());
        List<Browser> visitors = visitors();
        long t0 = System.nanoTime();
        List<List<String>> sids = run(visitors, "app/sid");
        report("cookie mode, 20000 requests", t0);
        Set<String> distinct = new HashSet<>();
        for (List<String> seen : sids) {
            assertEquals(REQUESTS, seen.size());
            assertEquals(1, new HashSet<>(seen).size(), "one visitor, one session: " + new HashSet<>(seen));
            distinct.add(seen.get(0));
        }
        assertEquals(USERS, distinct.size());
        // An HTTP client may resend a GET whose connection closed before the answer (the JDK's does, on
        // a loaded machine), so the server may have served a request twice, or served a visitor's first
        // request in a session whose cookie never reached the visitor. The truth is what was served.
        Map<String, AtomicInteger> servedBySid = h.app.servedBySid;
        assertTrue(servedBySid.keySet().containsAll(distinct));
        for (int i = 0; i < USERS; i++) {
            SessionState state = stateOf(visitors.get(i));
            int servedInSession = servedBySid.get(sids.get(i).get(0)).get();
            assertTrue(servedInSession >= REQUESTS, "served " + servedInSession);
            assertEquals(servedInSession, state.requests(), "every served request counted in its session");
        }
        System.out.printf("load on %s: served %d requests in %d sessions for %d visitors%n", newContainer(),
                h.app.served.get(), servedBySid.size(), USERS);
        assertEquals(h.app.served.get(), servedBySid.values().stream().mapToInt(AtomicInteger::get).sum(),
                "every request was served in a session");

        long t1 = System.nanoTime();
        h.manager.close();
        report("cookie mode, close (1000 sessions ended and sent)", t1);
        List<String> started = h.started();
        assertEquals(servedBySid.size(), started.size(), "init:true once per session");
        assertEquals(servedBySid.keySet(), new HashSet<>(started));
        for (String sid : servedBySid.keySet()) {
            assertEquals(List.of("exited"), h.endings(sid));
        }
        assertEquals(servedBySid.size(), h.manager.stats().started());
        assertEquals(0, h.manager.stats().discardedTotal());
    }

    @Test
    void requestModeCountsEveryOneOfTwentyThousandRequests() throws Exception {
        h.start(RequestModeContract.MODE);
        List<Browser> visitors = visitors();
        long t0 = System.nanoTime();
        run(visitors, "app/sid");
        report("request mode, 20000 requests", t0);
        h.manager.close();
        long total = 0;
        for (Map<String, Object> item : h.ingest.payloads("sessions")) {
            for (Object o : (List<?>) item.get("aggregates")) {
                Map<?, ?> b = (Map<?, ?>) o;
                for (String k : List.of("exited", "errored", "crashed", "abnormal")) {
                    total += b.get(k) == null ? 0 : ((Number) b.get(k)).longValue();
                }
            }
        }
        // what the server served, counted once each: an HTTP client may resend a GET whose connection
        // closed before the answer (the JDK's does, on a loaded machine), and the server then served it twice
        int served = h.app.served.get();
        assertTrue(served >= USERS * REQUESTS, "served " + served);
        assertEquals(served, total, "the ingest counted every served request once");
        assertEquals(served, h.manager.stats().aggregatedRequests());
    }

    /** Informational only (never asserted): how long a phase took on this machine. */
    private void report(String phase, long startNanos) {
        System.out.printf("load on %s: %s took %d ms%n", newContainer(), phase,
                (System.nanoTime() - startNanos) / 1_000_000);
    }

    private List<Browser> visitors() {
        List<Browser> visitors = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            visitors.add(h.visitor());
        }
        return visitors;
    }

    /** Twenty rounds; in each, every visitor sends one request. Returns each visitor's answers. */
    private List<List<String>> run(List<Browser> visitors, String path) throws Exception {
        List<List<String>> answers = new ArrayList<>();
        visitors.forEach(v -> answers.add(new ArrayList<>()));
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            for (int round = 0; round < REQUESTS; round++) {
                List<Callable<String>> calls = new ArrayList<>();
                visitors.forEach(v -> calls.add(() -> v.getOk(path)));
                List<Future<String>> results = pool.invokeAll(calls, 60, TimeUnit.SECONDS);
                for (int i = 0; i < results.size(); i++) {
                    answers.get(i).add(results.get(i).get());
                }
                if (round == REQUESTS / 2) {
                    h.clock.advance(Duration.ofSeconds(60)); // across a minute boundary (request mode)
                }
            }
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        }
        return answers;
    }
}
