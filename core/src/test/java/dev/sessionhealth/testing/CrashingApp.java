package dev.sessionhealth.testing;

import dev.sessionhealth.SessionContext;
import dev.sessionhealth.SessionManager;
import dev.sessionhealth.SessionOptions;
import dev.sessionhealth.User;
import java.time.Duration;

/**
 * A separate JVM for crash tests: starts sessions, waits until they are sent and journaled, prints
 * {@code READY} and then waits to be killed. Arguments: DSN, state directory, number of sessions, and
 * optionally {@code unanswered}: print {@code READY} at once, without waiting for any answer (the
 * ingest holds it), the sender flushing every 100 ms.
 */
public final class CrashingApp {

    private CrashingApp() {
    }

    public static void main(String[] args) throws Exception {
        boolean unanswered = args.length > 3 && args[3].equals("unanswered");
        SessionOptions options = SessionOptions.builder().dsn(args[0]).release("crashy@1.0")
                .stateDirectory(args[1]).journalInterval(Duration.ofMillis(50))
                .flushInterval(unanswered ? Duration.ofMillis(100) : SessionOptions.builder().build().flushInterval())
                .build();
        SessionManager manager = SessionManager.create(options);
        int sessions = Integer.parseInt(args[2]);
        for (int i = 0; i < sessions; i++) {
            manager.startSession(SessionContext.forUser(User.of("user-" + i))); // ends the one before: exited
            if (i % 2 == 0) {
                manager.recordError(true);
            }
        }
        if (unanswered) {
            System.out.println("READY");
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
        manager.flush(Duration.ofSeconds(20));
        Thread.sleep(200); // let the journal interval pass
        manager.flush(Duration.ofSeconds(20)); // runs maintenance: the journal now holds the open session
        System.out.println("READY");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
