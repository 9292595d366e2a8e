package dev.sessionhealth.benchmarks;

import dev.sessionhealth.SessionContext;
import dev.sessionhealth.SessionManager;
import dev.sessionhealth.SessionOptions;
import dev.sessionhealth.internal.DefaultSessionManager;
import dev.sessionhealth.internal.RequestSessions;
import dev.sessionhealth.internal.RequestTracking;
import dev.sessionhealth.internal.session.RequestAggregator;
import dev.sessionhealth.internal.session.SessionStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-request work the filter asks of the core (through {@link RequestSessions}, as the filter
 * does) against a floor: a ConcurrentHashMap get-or-create plus two counter increments. Same keys,
 * same threads. Every user's session exists and was announced before the measurement (its first
 * request), as for a returning visitor; the manager keeps its journal in a directory of its own, so
 * no other run's state is recovered into this one.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(2)
@State(Scope.Benchmark)
public class TrackingBenchmark {

    @Param("10000")
    int users;

    private String[] keys;
    private Path stateDirectory;
    private DefaultSessionManager manager;
    private RequestSessions sessions;
    private SessionStore registry;
    private final ConcurrentHashMap<String, Floor> floor = new ConcurrentHashMap<>();

    /** What the floor keeps per user: two counters. */
    static final class Floor {
        final LongAdder requests = new LongAdder();
        final LongAdder errors = new LongAdder();
        long lastSeen;
    }

    /** Each thread walks the users from its own offset: two requests of one user rarely run at once. */
    @State(Scope.Thread)
    public static class Cursor {
        private static final java.util.concurrent.atomic.AtomicInteger THREADS = new java.util.concurrent.atomic.AtomicInteger();
        int next = THREADS.getAndIncrement() * 4_999;
        final RequestTracking binding = new RequestTracking(null);
        /** What the application's code saw: read inside the binding, as a request's code may. */
        RequestAggregator.Outcome outcome;
    }

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        keys = new String[users];
        for (int i = 0; i < users; i++) {
            keys[i] = "user-cookie-" + i;
        }
        stateDirectory = Files.createTempDirectory("sessionhealth-bench");
        SessionOptions options = SessionOptions.builder().dsn("http://key@127.0.0.1:9/1").release("bench@1.0")
                .sessionTimeout(Duration.ofHours(1)).queueCapacity(1_000_000)
                .stateDirectory(stateDirectory.toString()).build();
        manager = (DefaultSessionManager) SessionManager.builder(options).transport(new DiscardingTransport()).build();
        registry = manager.registry();
        sessions = RequestSessions.of(manager, "benchmark");
        for (String key : keys) { // each user's first request: its session starts and is announced
            sessions.finish(sessions.open(key, null, null, null));
        }
        manager.flush(Duration.ofSeconds(30));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        manager.close();
        deleteTree(stateDirectory);
    }

    static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /**
     * Get-or-create as it is written for a hot path: {@code get}, and {@code computeIfAbsent} only on
     * a miss. ({@code computeIfAbsent} alone locks the bin whenever the key is not the bin's first
     * node, about a quarter of these keys, which made this floor itself erratic with two threads.)
     */
    private Floor floorEntry(String key) {
        Floor f = floor.get(key);
        return f != null ? f : floor.computeIfAbsent(key, k -> new Floor());
    }

    @Benchmark
    public Object floor(Cursor c) {
        Floor f = floorEntry(keys[c.next++ % users]);
        f.requests.increment();
        f.errors.add(0);
        return f;
    }

    /** The floor plus one read of the wall clock, which a tracker needs in some form (last activity, minute of the request). */
    @Benchmark
    public Object floorPlusClock(Cursor c) {
        Floor f = floorEntry(keys[c.next++ % users]);
        f.requests.increment();
        f.errors.add(0);
        f.lastSeen = System.currentTimeMillis();
        return f;
    }

    /**
     * What the filter asks of the core for a returning visitor's request in cookie and HTTP-session
     * mode: open the request on the user's session (find it, count the request), bind it to the
     * thread around the application, unbind it, finish it.
     */
    @Benchmark
    public Object userMode(Cursor c) {
        RequestTracking tracking = sessions.open(keys[c.next++ % users], null, null, null);
        c.outcome = serve(sessions, tracking);
        return tracking;
    }

    /** Step of {@link #userMode}: find the session and count the request (no binding). */
    @Benchmark
    public Object stepTouch(Cursor c) {
        return registry.touch(keys[c.next++ % users], SessionContext.EMPTY, null, null);
    }

    /** Step of both modes: bind a request's tracking to the thread and unbind it, as the filter does. */
    @Benchmark
    public Object stepBind(Cursor c) {
        Object[] slot = sessions.slot();
        Object previous = RequestSessions.enter(slot, c.binding);
        try {
            return slot;
        } finally {
            RequestSessions.leave(slot, previous);
        }
    }

    /** The same in request mode: count the request, bind, unbind, record it into its minute. */
    @Benchmark
    public Object requestMode(Cursor c) {
        RequestTracking tracking = sessions.count();
        c.outcome = serve(sessions, tracking);
        return tracking;
    }

    /**
     * What the filter does with a request's tracking around the application: bind it to the thread,
     * read its outcome there, unbind it, finish it and release it for the thread's next request.
     */
    static RequestAggregator.Outcome serve(RequestSessions sessions, RequestTracking tracking) {
        Object[] slot = sessions.slot();
        Object previous = RequestSessions.enter(slot, tracking);
        RequestAggregator.Outcome outcome;
        try {
            outcome = tracking.outcome();
        } finally {
            RequestSessions.leave(slot, previous);
        }
        sessions.finish(tracking);
        sessions.release(tracking);
        return outcome;
    }
}
