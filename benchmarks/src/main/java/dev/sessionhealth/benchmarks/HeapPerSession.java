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
 * a request's end announces them), then compares the used heap after full GCs with the heap before.
 * Run with {@code java -cp benchmarks/target/benchmarks.jar dev.sessionhealth.benchmarks.HeapPerSession
 * 1000000} for anonymous sessions, add {@code user} for sessions of a principal user (its
 * {@code User} and strings on top). The update queue is drained in between, so what remains is the
 * live per-session state.
 */
public final class HeapPerSession {

    private HeapPerSession() {
    }

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
            CookieKey[] keys = new CookieKey[n];
            for (int i = 0; i < n; i++) {
                keys[i] = CookieKey.parse(signer.issue().value());
            }
            long before = usedAfterGc();
            for (int i = 0; i < n; i++) {
                SessionContext context = withUser
                        ? SessionContext.forUser(new User("user" + i, null, "user" + i, null)) : SessionContext.EMPTY;
                manager.tracker().announce(registry.touch(keys[i], context, null, null));
                if (i % 50_000 == 0) {
                    manager.flush(Duration.ofSeconds(30));
                }
            }
            manager.flush(Duration.ofSeconds(60));
            long after = usedAfterGc();
            System.out.printf("keys (CookieKey, id and signature bits) take %.1f bytes per session on top%n",
                    (before - empty - 16.0 - 4.0 * n) / n);
            System.out.printf("%s sessions=%d registry=%d heapDelta=%d bytes perSession=%.1f bytes (keys excluded)%n",
                    withUser ? "principal-user" : "anonymous", n, registry.openCount(), after - before, (after - before) / (double) n);
            System.out.println(manager.stats());
            System.out.println(keys.length); // keeps the keys reachable until the end
        }
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
