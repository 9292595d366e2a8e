package dev.sessionhealth.internal;

/**
 * Where the current session of a caller lives: the request's cookie or HTTP session, a CDI request
 * scope, or the manager's own slot for callers outside any request. The manager reads and replaces
 * it; the integration that created it decides where it is stored.
 */
public interface SessionBinding {

    /** The session bound now, possibly already ended, or {@code null}. */
    SessionState current();

    /** Binds another session (after {@code startSession}); {@code null} unbinds. */
    void replace(SessionState next);

    /** Records an error on the bound session; integrations that also classify requests override it. */
    default void recordError(SessionTracker tracker, boolean handled) {
        SessionState state = current();
        if (state != null) {
            tracker.recordError(state, handled);
        }
    }

    /** The client's user agent for a session started here, or {@code null}. */
    default String userAgent() {
        return null;
    }

    /** The client's address for a session started here, or {@code null}. */
    default String ipAddress() {
        return null;
    }
}
