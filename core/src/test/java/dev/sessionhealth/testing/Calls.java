package dev.sessionhealth.testing;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/** Runs code on another thread and tells whether it returned within a bound (never a timing assertion). */
public final class Calls {

    private Calls() {
    }

    /**
     * Runs {@code body} on a new daemon thread and waits at most {@code bound} for it.
     *
     * @return true if it returned (rethrowing what it threw), false if it is still running
     */
    public static boolean returnsWithin(Duration bound, Runnable body) throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "test-caller");
        t.setDaemon(true);
        t.start();
        t.join(bound.toMillis());
        if (failure.get() != null) {
            throw new AssertionError("the call threw", failure.get());
        }
        return !t.isAlive();
    }
}
