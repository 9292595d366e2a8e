package dev.sessionhealth.benchmarks;

import dev.sessionhealth.SessionManager;
import dev.sessionhealth.SessionOptions;
import dev.sessionhealth.internal.DefaultSessionManager;
import dev.sessionhealth.internal.RequestSessions;
import dev.sessionhealth.internal.RequestTracking;
import dev.sessionhealth.internal.cookie.CookieKey;
import dev.sessionhealth.internal.cookie.CookieSigner;
import dev.sessionhealth.internal.session.RequestAggregator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
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
 * The per-request cost of a known user's request ({@code userMode}, as in {@link TrackingBenchmark})
 * and of the floor, as the number of active users grows: every user's session exists before the
 * measurement (keyed as cookie mode keys them, by the {@link CookieKey} of an issued cookie), and
 * each operation is a request of the next user in a random order of the whole population, so the
 * working set is every user's key, map entry and session. At 1,000 users it all stays in the CPU
 * caches; at 1,000,000 (about 170 MB of sessions and keys) nearly every request misses them.
 *
 * <p>The key looked up is the instance stored at the user's first request (a real request decodes
 * a new one from its cookie, which is then in the cache). The manager runs with the product's
 * defaults, its journal in a temporary directory of its own: the sender thread journals each busy
 * session's activity once per 10-second window and sweeps every session once a second, on the
 * other core. {@code -p journal=false} runs without the journal.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Threads(1)
public class ActiveUsersBenchmark {

    /** The users and the order in which their requests come. */
    @State(Scope.Benchmark)
    public static class Population {

        @Param({"1000", "10000", "100000", "1000000"})
        int users;

        CookieKey[] keys;
        /** A random permutation of the users: one pass over it requests every user once. */
        int[] order;

        @Setup(Level.Trial)
        public void setUp() {
            CookieSigner signer = CookieSigner.withKey("active-users-benchmark-key-0123456789");
            keys = new CookieKey[users];
            for (int i = 0; i < users; i++) {
                keys[i] = CookieKey.parse(signer.issue().value());
            }
            order = randomOrder(users);
        }
    }

    /** A random permutation of {@code 0 .. users - 1}, the same for every run (a fixed seed). */
    static int[] randomOrder(int users) {
        int[] order = new int[users];
        for (int i = 0; i < users; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(42);
        for (int i = users - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /** Where the benchmark thread is in the order. */
    @State(Scope.Thread)
    public static class Cursor {
        int position;
        /** What the application's code saw: read inside the binding, as a request's code may. */
        RequestAggregator.Outcome outcome;

        CookieKey next(Population p) {
            CookieKey key = p.keys[p.order[position]];
            position = position + 1 == p.users ? 0 : position + 1;
            return key;
        }
    }

    /** The floor's map: every user's entry exists (its first request created it). */
    @State(Scope.Benchmark)
    public static class FloorMap {
        final ConcurrentHashMap<CookieKey, TrackingBenchmark.Floor> entries = new ConcurrentHashMap<>();

        @Setup(Level.Trial)
        public void setUp(Population p) {
            for (CookieKey key : p.keys) {
                entries.computeIfAbsent(key, k -> new TrackingBenchmark.Floor());
            }
            System.gc();
        }

        TrackingBenchmark.Floor entry(CookieKey key) {
            TrackingBenchmark.Floor f = entries.get(key);
            return f != null ? f : entries.computeIfAbsent(key, k -> new TrackingBenchmark.Floor());
        }
    }

    /** The tracker: every user's session started and announced (its first request). */
    @State(Scope.Benchmark)
    public static class Tracker {

        /** The manager's journal ({@code persistence}): on by default, as the product ships. */
        @Param({"true"})
        boolean journal;

        Path stateDirectory;
        DefaultSessionManager manager;
        RequestSessions sessions;

        @Setup(Level.Trial)
        public void setUp(Population p) throws IOException {
            stateDirectory = Files.createTempDirectory("sessionhealth-bench");
            SessionOptions options = SessionOptions.builder().dsn("http://key@127.0.0.1:9/1").release("bench@1.0")
                    .sessionTimeout(Duration.ofHours(1)).queueCapacity(100_000).persistence(journal)
                    .stateDirectory(stateDirectory.toString()).build();
            manager = (DefaultSessionManager) SessionManager.builder(options).transport(new DiscardingTransport())
                    .build();
            sessions = RequestSessions.of(manager, "benchmark");
            for (int i = 0; i < p.users; i++) {
                RequestTracking first = sessions.open(p.keys[i], null, null, null);
                sessions.finish(first);
                sessions.release(first);
                if (i % 50_000 == 49_999) {
                    manager.flush(Duration.ofSeconds(60)); // the queue holds 100,000 updates
                }
            }
            manager.flush(Duration.ofSeconds(60));
            if (manager.registry().openCount() != p.users) {
                throw new IllegalStateException("expected " + p.users + " open sessions, got "
                        + manager.registry().openCount());
            }
            System.gc();
        }

        @TearDown(Level.Trial)
        public void tearDown() throws IOException {
            manager.close();
            TrackingBenchmark.deleteTree(stateDirectory);
        }
    }

    @Benchmark
    public Object floor(Population p, FloorMap floor, Cursor c) {
        TrackingBenchmark.Floor f = floor.entry(c.next(p));
        f.requests.increment();
        f.errors.add(0);
        return f;
    }

    /** A known user's request as in {@link TrackingBenchmark#userMode}: open, bind, unbind, finish, release. */
    @Benchmark
    public Object userMode(Population p, Tracker t, Cursor c) {
        RequestSessions sessions = t.sessions;
        RequestTracking tracking = sessions.open(c.next(p), null, null, null);
        c.outcome = TrackingBenchmark.serve(sessions, tracking);
        return tracking;
    }
}
