package dev.sessionhealth.benchmarks;

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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the registry's memory layout costs a cookie-mode lookup, and what an open-addressed table
 * would save: the same users, keys and session objects found two ways, each request of the next
 * user in a random order of all of them, as in {@link ActiveUsersBenchmark}.
 *
 * <ul>
 *   <li>{@code concurrentMap}: the registry's layout. The request decodes a new key object from its
 *       cookie (six {@code long}s, as {@code CookieKey}); the map hashes it, walks its table to the
 *       node, compares the stored key (another object) and returns the session.
 *   <li>{@code openAddressed}: the key's six words stored in the table itself, six to a slot, and the
 *       session beside them in a parallel array: the request compares the words in place, with no
 *       key object, and reads the session.
 * </ul>
 *
 * Both then touch the session as a request does (read its status and start, write its last
 * activity). A prototype of the layout only (single-threaded reads, no resizing or removal): what
 * it measures is the ceiling of what the layout saves, not a registry.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Threads(1)
@State(Scope.Thread)
public class RegistryLayoutBenchmark {

    @Param({"10000", "100000", "1000000"})
    int users;

    /**
     * The cookie key's value: an id of two words and a signature of four, equal by value. The same
     * fields and equality as {@code CookieKey}, which is made only by parsing a cookie's text; here a
     * request computes its words instead.
     */
    static final class Key {
        final long id0;
        final long id1;
        final long mac0;
        final long mac1;
        final long mac2;
        final long mac3;

        Key(long id0, long id1, long mac0, long mac1, long mac2, long mac3) {
            this.id0 = id0;
            this.id1 = id1;
            this.mac0 = mac0;
            this.mac1 = mac1;
            this.mac2 = mac2;
            this.mac3 = mac3;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && id0 == k.id0 && id1 == k.id1 && mac0 == k.mac0 && mac1 == k.mac1
                    && mac2 == k.mac2 && mac3 == k.mac3;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(id0 ^ id1);
        }
    }

    /** A session's hot fields, about the size of the tracker's session object. */
    static final class Session {
        final long sidHigh;
        final long sidLow;
        final long startedMillis;
        volatile long lastSeenMillis;
        volatile int requests;
        volatile int status;

        Session(long sidHigh, long sidLow, long startedMillis) {
            this.sidHigh = sidHigh;
            this.sidLow = sidLow;
            this.startedMillis = startedMillis;
            this.lastSeenMillis = startedMillis;
        }
    }

    private ConcurrentHashMap<Key, Session> map;
    private long[] words;
    private Session[] slots;
    private int mask;
    private int[] order;
    private int next;
    private long now = 1_000_000;

    /** The six words of user {@code i}'s key: random-looking, and computed rather than stored, as a request decodes them. */
    private static long word(int i, int w) {
        long z = (i + 1L) * 0x9E3779B97F4A7C15L + w * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Setup(Level.Trial)
    public void setUp() {
        map = new ConcurrentHashMap<>();
        int capacity = Integer.highestOneBit(users * 2 - 1) << 1; // load factor at most 0.5
        words = new long[capacity * 6];
        slots = new Session[capacity];
        mask = capacity - 1;
        for (int i = 0; i < users; i++) { // keys and sessions allocated in arrival order, as the registry's
            Session s = new Session(i, ~i, now);
            map.put(new Key(word(i, 0), word(i, 1), word(i, 2), word(i, 3), word(i, 4), word(i, 5)), s);
            int slot = slotOf(word(i, 0), word(i, 1));
            while (slots[slot] != null) {
                slot = (slot + 1) & mask;
            }
            for (int w = 0; w < 6; w++) {
                words[slot * 6 + w] = word(i, w);
            }
            slots[slot] = s;
        }
        order = ActiveUsersBenchmark.randomOrder(users);
    }

    private int slotOf(long id0, long id1) {
        long h = (id0 ^ id1) * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 40) & mask;
    }

    private int nextUser() {
        int i = order[next];
        next = next + 1 == users ? 0 : next + 1;
        return i;
    }

    private Session touch(Session s) {
        if (s.status == 0 && now - s.startedMillis < Long.MAX_VALUE) {
            s.lastSeenMillis = ++now;
        }
        return s;
    }

    @Benchmark
    public Session concurrentMap() {
        int i = nextUser();
        Key key = new Key(word(i, 0), word(i, 1), word(i, 2), word(i, 3), word(i, 4), word(i, 5));
        return touch(map.get(key));
    }

    @Benchmark
    public Session openAddressed() {
        int i = nextUser();
        long id0 = word(i, 0);
        long id1 = word(i, 1);
        long mac0 = word(i, 2);
        long mac1 = word(i, 3);
        long mac2 = word(i, 4);
        long mac3 = word(i, 5);
        int slot = slotOf(id0, id1);
        while (true) {
            int at = slot * 6;
            if (words[at] == id0 && words[at + 1] == id1 && words[at + 2] == mac0 && words[at + 3] == mac1
                    && words[at + 4] == mac2 && words[at + 5] == mac3) {
                return touch(slots[slot]);
            }
            if (slots[slot] == null) {
                return null;
            }
            slot = (slot + 1) & mask;
        }
    }
}
