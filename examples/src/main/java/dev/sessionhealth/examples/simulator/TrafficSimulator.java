package dev.sessionhealth.examples.simulator;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Drives virtual users against the demo over loopback, a bounded number at a time, so the
 * dashboard fills at once. One run at a time; each run uses fresh users (fresh cookies).
 */
public final class TrafficSimulator {

    private static final System.Logger LOG = System.getLogger(TrafficSimulator.class.getName());

    private final URI base;
    private final int users;
    private final int concurrency;
    private final Duration maxThink;
    private final HttpClient http;
    private final AtomicInteger runs = new AtomicInteger();
    private final AtomicReference<SimulationCounters> current = new AtomicReference<>();
    private final AtomicBoolean running = new AtomicBoolean();

    /**
     * @param base the demo application's root, for example {@code http://127.0.0.1:8080/}
     * @param users virtual users per run
     * @param concurrency users visiting at the same time
     * @param maxThink the longest pause of a user before each request (zero for none)
     */
    public TrafficSimulator(URI base, int users, int concurrency, Duration maxThink) {
        this.base = base;
        this.users = users;
        this.concurrency = concurrency;
        this.maxThink = maxThink;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * Runs one simulation and waits for it (bounded: every request has a timeout).
     *
     * @throws IllegalStateException if a run is in progress
     */
    public SimulationStatus run() throws InterruptedException {
        if (!running.compareAndSet(false, true)) {
            throw new IllegalStateException("a simulation is running already");
        }
        return execute();
    }

    /** Starts a run on a background thread; false if one is running. */
    public boolean start() {
        if (!running.compareAndSet(false, true)) {
            return false;
        }
        daemon("simulator").newThread(() -> {
            try {
                execute();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }).start();
        return true;
    }

    public SimulationStatus status() {
        SimulationCounters counters = current.get();
        return counters == null ? SimulationStatus.IDLE : counters.status(running.get());
    }

    private SimulationStatus execute() throws InterruptedException {
        int run = runs.incrementAndGet();
        SimulationCounters counters = new SimulationCounters(users);
        current.set(counters);
        ExecutorService pool = Executors.newFixedThreadPool(concurrency, daemon("simulator-user"));
        try {
            List<Future<?>> visits = new ArrayList<>();
            for (int i = 0; i < users; i++) {
                String name = "user-" + run + "-" + i;
                VirtualUser user = new VirtualUser(http, base, 31L * run + i, name, counters, maxThink);
                visits.add(pool.submit(() -> {
                    user.visit();
                    counters.userDone();
                    return null;
                }));
            }
            for (Future<?> visit : visits) {
                visit.get(2, TimeUnit.MINUTES);
            }
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.log(System.Logger.Level.WARNING, "simulation run " + run + " failed", e);
        } finally {
            pool.shutdownNow();
            running.set(false);
        }
        SimulationStatus done = counters.status(false);
        LOG.log(System.Logger.Level.INFO, "simulation run {0}: {1} users, {2} requests, by status {3}",
                run, done.usersDone(), done.requests(), done.byStatus());
        return done;
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
