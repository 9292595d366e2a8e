package dev.sessionhealth.testing;

import dev.sessionhealth.Session;
import dev.sessionhealth.SessionContext;
import dev.sessionhealth.SessionManager;
import dev.sessionhealth.SessionStats;
import java.time.Duration;
import java.util.Optional;

/**
 * An application's decorator of a {@link SessionManager}: passes every call to another. Tests extend
 * it to count or observe calls, or use it as a manager that is not the library's own.
 */
public class DelegatingManager implements SessionManager {

    private final SessionManager delegate;

    public DelegatingManager(SessionManager delegate) {
        this.delegate = delegate;
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
    public SessionStats stats() {
        return delegate.stats();
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
