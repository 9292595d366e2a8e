package dev.sessionhealth.micrometer;

import dev.sessionhealth.SessionManager;
import dev.sessionhealth.SessionStats;
import dev.sessionhealth.testing.DelegatingManager;
import java.util.concurrent.atomic.AtomicInteger;

/** A manager that counts {@link #stats()} calls and passes everything to another. */
final class CountingManager extends DelegatingManager {

    private final AtomicInteger statsCalls;

    CountingManager(SessionManager delegate, AtomicInteger statsCalls) {
        super(delegate);
        this.statsCalls = statsCalls;
    }

    @Override
    public SessionStats stats() {
        statsCalls.incrementAndGet();
        return super.stats();
    }
}
