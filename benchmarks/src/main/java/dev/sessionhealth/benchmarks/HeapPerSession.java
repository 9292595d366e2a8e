package dev.sessionhealth.benchmarks;

import dev.sessionhealth.SessionContext;
import dev.sessionhealth.SessionManager;
import dev.sessionhealth.SessionOptions;
import dev.sessionhealth.User;
import dev.sessionhealth.internal.DefaultSessionManager;
import dev.sessionhealth.internal.cookie.CookieKey;
import dev.sessionhealth.internal.cookie.CookieSigner;
import dev.sessionhealth.internal.session.SessionStore;
import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * Heap per active tracked session, the project's one heap measurement: starts N sessions in the
 * registry (keyed as cookie mode keys them, by {@link CookieKey}s of issued cookies, and announced as
 * a request's end announces them), reads the used heap after full GCs, then starts N more and reads
 * it again. It prints the heap per session at N (everything the N sessions added, divided by N), the
 * heap per session from N to 2N (what each more session adds: its state, map entry and table slot)
 * and the rest, which does not grow with the sessions (the journal's write buffer, sized to the
 * largest commit; the sender's structures). Run with {@code java -cp benchmarks/target/benchmarks.jar
 * dev.sessionhealth.benchmarks.HeapPerSession 1000000} for anonymous sessions, add {@code user} for
 * sessions of a principal user (its {@code User} and strings on top). The update queue is drained in
 * between, so what remains is the live per-session state.
 */
public final class HeapPerSession {

    private HeapPerSession() {
    }

    /** Sessions started between flushes: each flush is one commit of the journal. */
    private static final int FLUSH_EVERY = 50_000;

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        boolean withUser = args.length > 1 && args[1].equals("user");
        SessionOptions options = SessionOptions.builder().dsn("http://key@127.0.0.1:9/1").release("bench@1.0")
                .sessionTimeout(Duration.ofHours(1)).queueCapacity(100_000)
                // a state directory of its own: nothing an earlier run left is recovered into the reading
                .stateDirectory(java.nio.file.Files.createTempDirectory("sessionhealth-heap").toString()).build();
        try (DefaultSessionManager manager = (DefaultSessionManager) SessionManager.builder(options)
                .transport(new DiscardingTransport()).build()) {
            SessionStore registry = manager.registry();
            manager.flush(Duration.ofSeconds(30));
            long empty = usedAfterGc();
            CookieSigner signer = CookieSigner.withRandomKey();
            CookieKey[] keys = new CookieKey[2 * n];
            for (int i = 0; i < keys.length; i++) {
                keys[i] = CookieKey.parse(signer.issue().value());
            }
            long before = usedAfterGc();
            start(manager, registry, keys, 0, n, withUser);
            long atN = usedAfterGc();
            start(manager, registry, keys, n, 2 * n, withUser);
            long at2N = usedAfterGc();
            double perSessionAtN = (atN - before) / (double) n;
            double eachMore = (at2N - atN) / (double) n;
            System.out.printf("keys (CookieKey, id and signature bits) take %.1f bytes per session on top%n",
                    (before - empty - 16.0 - 4.0 * keys.length) / keys.length);
            System.out.printf("%s sessions=%d heapDelta=%d bytes perSession=%.1f bytes (keys excluded)%n",
                    withUser ? "principal-user" : "anonymous", n, atN - before, perSessionAtN);
            System.out.printf("from %d to %d sessions: %.1f bytes per session more; the rest, %.0f KB, does not"
                    + " grow with the sessions (the journal's write buffer, the sender's structures)%n",
                    n, 2 * n, eachMore, (atN - before - eachMore * n) / 1024);
            System.out.println("open sessions at the end: " + registry.openCount());
            System.out.println(manager.stats());
            System.out.println(keys.length); // keeps the keys reachable until the end
        }
    }

    /** Starts and announces the sessions of {@code keys[from, to)}, as their first requests' ends do. */
    private static void start(DefaultSessionManager manager, SessionStore registry, CookieKey[] keys, int from, int to,
            boolean withUser) {
        for (int i = from; i < to; i++) {
            SessionContext context = withUser
                    ? SessionContext.forUser(new User("user" + i, null, "user" + i, null)) : SessionContext.EMPTY;
            manager.tracker().announce(registry.touch(keys[i], context, null, null));
            if ((i - from) % FLUSH_EVERY == FLUSH_EVERY - 1) {
                manager.flush(Duration.ofSeconds(30));
            }
        }
        manager.flush(Duration.ofSeconds(60));
    }

    /**
     * The smallest used heap after full GCs over a few seconds: the sender thread's periodic work
     * (the journal of open sessions, rendered one session at a time) may hold a little garbage-to-be
     * while one reading is taken, and the smallest reading is the live state.
     */
    private static long usedAfterGc() throws InterruptedException {
        long least = Long.MAX_VALUE;
        for (int reading = 0; reading < 4; reading++) {
            for (int i = 0; i < 3; i++) {
                System.gc();
                Thread.sleep(200);
            }
            least = Math.min(least, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return least;
    }
}
