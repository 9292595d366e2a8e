package dev.sessionhealth.servlet.bench;

import dev.sessionhealth.SessionContext;
import dev.sessionhealth.SessionManager;
import dev.sessionhealth.SessionOptions;
import dev.sessionhealth.Transport;
import dev.sessionhealth.User;
import dev.sessionhealth.internal.DefaultSessionManager;
import dev.sessionhealth.internal.SessionStore;
import dev.sessionhealth.internal.cookie.CookieKey;
import dev.sessionhealth.internal.cookie.CookieSigner;

/**
 * Heap retained per active tracked session in cookie mode: registry entry, key (the decoded cookie)
 * and session state, for anonymous sessions and for sessions with a principal user.
 * Usage: {@code java -cp ... dev.sessionhealth.servlet.bench.HeapPerSession [count]}.
 */
public final class HeapPerSession {

    private HeapPerSession() {
    }

    public static void main(String[] args) throws InterruptedException {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Transport discard = envelope -> new Transport.Response(200, null, null);
        SessionOptions options = SessionOptions.builder().release("bench@1").queueCapacity(10_000_000).build();
        for (boolean withUser : new boolean[] {false, true}) {
            try (SessionManager manager = SessionManager.builder(options).transport(discard).build()) {
                manager.flush(java.time.Duration.ofSeconds(5));
                SessionStore registry = ((DefaultSessionManager) manager).registry();
                CookieSigner signer = CookieSigner.withRandomKey();
                long before = usedAfterGc();
                for (int i = 0; i < count; i++) {
                    SessionContext ctx = withUser ? SessionContext.forUser(new User("user" + i, null, "user" + i, null))
                            : SessionContext.EMPTY;
                    registry.touch(CookieKey.parse(signer.issue().value()), ctx, null, null); // as the filter keys it
                }
                manager.flush(java.time.Duration.ofSeconds(30)); // the init updates leave the queue
                long after = usedAfterGc();
                System.out.printf("%d sessions (%s): %d bytes each, registry size %d%n", count,
                        withUser ? "with a principal user" : "anonymous", (after - before) / count, registry.openCount());
            }
        }
    }

    private static long usedAfterGc() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(100);
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }
}
