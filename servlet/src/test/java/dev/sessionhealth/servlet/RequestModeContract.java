package dev.sessionhealth.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionhealth.testing.Browser;
import dev.sessionhealth.testing.Poll;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Request mode, the same assertions on every container. */
abstract class RequestModeContract extends ContractBase {

    static final Map<String, String> MODE = Map.of("mode", "request");

    @Test
    void bucketSumsEqualTheRequestsSentAcrossMinuteBoundaries() throws Exception {
        h.start(MODE);
        Browser v = h.visitor();
        int sent = 0;
        for (int minute = 0; minute < 3; minute++) {
            for (int i = 0; i < 10; i++) {
                assertEquals(200, v.send("GET", "app/sid").statusCode());
                sent++;
            }
            assertEquals(500, v.send("GET", "app/boom").statusCode());
            assertEquals(200, v.send("GET", "app/handled").statusCode());
            assertEquals(404, v.send("GET", "app/status?code=404").statusCode());
            sent += 3;
            h.visitor().userAgent("kube-probe/1.30").send("GET", "app/sid"); // not counted
            v.send("GET", "health");                                           // not counted
            h.clock.advance(Duration.ofSeconds(61));
        }
        h.manager.close(); // sends the last bucket too

        Map<String, Long> totals = new HashMap<>();
        Set<Object> minutes = new HashSet<>();
        for (Map<String, Object> item : h.ingest.payloads("sessions")) {
            for (Object o : (List<?>) item.get("aggregates")) {
                Map<?, ?> bucket = (Map<?, ?>) o;
                minutes.add(bucket.get("started"));
                for (String k : List.of("exited", "errored", "crashed", "abnormal")) {
                    Object n = bucket.get(k);
                    totals.merge(k, n == null ? 0L : ((Number) n).longValue(), Long::sum);
                }
            }
        }
        assertEquals(sent, totals.values().stream().mapToLong(Long::longValue).sum(), totals::toString);
        assertEquals(3L, totals.get("crashed"));
        assertEquals(3L, totals.get("errored"));
        assertTrue(minutes.size() >= 3, "one bucket per minute at least: " + minutes);
        assertEquals(List.of(), h.ingest.sessions(), "no per-user sessions in request mode");
        assertEquals(sent, h.manager.stats().aggregatedRequests());
    }

    @Test
    void requestModeSetsNoCookieAndCreatesNoHttpSession() throws Exception {
        h.start(MODE);
        HttpResponse<String> r = h.visitor().send("GET", "app/sid");
        assertEquals(200, r.statusCode());
        assertEquals(List.of(), r.headers().allValues("Set-Cookie"));
    }

    @Test
    void asyncRequestIsCountedOnceWhenItsAsyncWorkCompletes() throws Exception {
        h.start(MODE);
        Browser v = h.visitor();
        CompletableFuture<HttpResponse<String>> dispatched =
                CompletableFuture.supplyAsync(() -> v.send("GET", "app/async?code=500"));
        var first = h.app.pendingAsync.poll(20, TimeUnit.SECONDS);
        assertNotNull(first);
        assertTrue(h.app.asyncReturned.tryAcquire(20, TimeUnit.SECONDS));
        assertEquals(0, h.internals().aggregator().recorded(), "not counted when doFilter returned");
        first.dispatch();
        assertEquals(500, dispatched.get(20, TimeUnit.SECONDS).statusCode());
        Poll.atMost(Duration.ofSeconds(10)).until("the first request recorded", () -> h.internals().aggregator().recorded() == 1);

        CompletableFuture<HttpResponse<String>> completed =
                CompletableFuture.supplyAsync(() -> v.send("GET", "app/async"));
        var second = h.app.pendingAsync.poll(20, TimeUnit.SECONDS);
        assertNotNull(second);
        assertTrue(h.app.asyncReturned.tryAcquire(20, TimeUnit.SECONDS));
        assertEquals(1, h.internals().aggregator().recorded());
        second.getResponse().getWriter().write("done");
        second.complete();
        assertEquals(200, completed.get(20, TimeUnit.SECONDS).statusCode());
        Poll.atMost(Duration.ofSeconds(10)).until("the second request recorded", () -> h.internals().aggregator().recorded() == 2);

        h.manager.close();
        long errored = 0;
        long total = 0;
        for (Map<String, Object> item : h.ingest.payloads("sessions")) {
            for (Object o : (List<?>) item.get("aggregates")) {
                Map<?, ?> b = (Map<?, ?>) o;
                for (String k : List.of("exited", "errored", "crashed")) {
                    long n = b.get(k) == null ? 0 : ((Number) b.get(k)).longValue();
                    total += n;
                    errored += k.equals("errored") ? n : 0;
                }
            }
        }
        assertEquals(2, total, "each async request once");
        assertEquals(1, errored, "the 500 of the async dispatch");
    }
}
