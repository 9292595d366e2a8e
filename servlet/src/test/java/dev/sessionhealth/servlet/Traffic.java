package dev.sessionhealth.servlet;

import dev.sessionhealth.testing.Browser;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Real HTTP traffic through the filter: visitors (each with its own cookies) on four client threads,
 * each round one page view per visitor, with a handled error now and then and an unhandled one more
 * rarely. Records every request's latency; fails on any status other than the one expected.
 */
final class Traffic implements AutoCloseable {

    private final List<Browser> visitors = new ArrayList<>();
    private final ExecutorService clients = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "traffic");
        t.setDaemon(true);
        return t;
    });
    private final List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    private int rounds;

    Traffic(Harness h, int visitorCount) {
        for (int i = 0; i < visitorCount; i++) {
            visitors.add(h.visitor());
        }
    }

    /** One round; returns the number of requests made. */
    int round() throws Exception {
        int round = rounds++;
        List<Callable<Integer>> work = new ArrayList<>();
        for (int i = 0; i < visitors.size(); i++) {
            Browser v = visitors.get(i);
            int k = i + round;
            work.add(() -> {
                int n = request(v, "app/sid", 200);
                if (k % 4 == 0) {
                    n += request(v, "app/handled", 200);
                }
                if (k % 11 == 0) {
                    n += request(v, "app/boom", 500);
                }
                return n;
            });
        }
        int total = 0;
        for (Future<Integer> f : clients.invokeAll(work, 120, TimeUnit.SECONDS)) {
            total += f.get(); // a cancelled (timed out) round throws here
        }
        return total;
    }

    private int request(Browser v, String path, int expected) {
        long start = System.nanoTime();
        HttpResponse<String> r = v.send("GET", path);
        latencies.add(System.nanoTime() - start);
        if (r.statusCode() != expected) {
            throw new AssertionError(path + " answered " + r.statusCode() + ", expected " + expected);
        }
        return 1;
    }

    int requests() {
        return latencies.size();
    }

    /** p50, p90, p99 and max of the latencies so far, in milliseconds, then forgets them. */
    Map<String, String> takePercentiles() {
        List<Long> sorted;
        synchronized (latencies) {
            sorted = new ArrayList<>(latencies);
            latencies.clear();
        }
        Collections.sort(sorted);
        Map<String, String> out = new TreeMap<>();
        out.put("requests", String.valueOf(sorted.size()));
        if (!sorted.isEmpty()) {
            out.put("p50ms", ms(sorted, 0.50));
            out.put("p90ms", ms(sorted, 0.90));
            out.put("p99ms", ms(sorted, 0.99));
            out.put("maxms", ms(sorted, 1.0));
        }
        return out;
    }

    private static String ms(List<Long> sorted, double q) {
        int i = Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1);
        return String.format(java.util.Locale.ROOT, "%.1f", sorted.get(Math.max(0, i)) / 1e6);
    }

    @Override
    public void close() {
        clients.shutdownNow();
    }
}
