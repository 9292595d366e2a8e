package dev.sessionhealth.micrometer;

import dev.sessionhealth.Session;
import dev.sessionhealth.SessionContext;
import dev.sessionhealth.SessionManager;
import dev.sessionhealth.SessionStats;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** A manager that counts {@link #stats()} calls and passes everything to another. */
final class CountingManager implements SessionManager {

    private final SessionManager delegate;
    private final AtomicInteger statsCalls;

    CountingManager(SessionManager delegate, AtomicInteger statsCalls) {
        this.delegate = delegate;
        this.statsCalls = statsCalls;
    }

    @Override
    public SessionStats stats() {
        statsCalls.incrementAndGet();
        return delegate.stats();
    }

    @Override
    public Session startSession(SessionContext context) {
        return delegate.startSession(context);
    }

    @Override
    public void endSession() {
        delegate.endSession();
    }

    @Override
    public void captureSession(boolean end) {
        delegate.captureSession(end);
    }

    @Override
    public Optional<Session> currentSession() {
        return delegate.currentSession();
    }

    @Override
    public void recordError(boolean handled) {
        delegate.recordError(handled);
    }

    @Override
    public boolean isEnabled() {
        return delegate.isEnabled();
    }

    @Override
    public boolean flush(Duration timeout) {
        return delegate.flush(timeout);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
