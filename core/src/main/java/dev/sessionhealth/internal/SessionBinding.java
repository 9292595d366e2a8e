package dev.sessionhealth.internal;

import dev.sessionhealth.SessionContext;
import dev.sessionhealth.internal.session.SessionState;
import dev.sessionhealth.internal.session.SessionTracker;

/**
 * Where the current session of a caller lives: the request's cookie or HTTP session, a CDI request
 * scope, or the manager's own slot for callers outside any request. The manager reads it and restarts
 * it; the integration that created it decides where it is stored.
 */
public interface SessionBinding {

    /** The session bound now, possibly already ended, or {@code null}. */
    SessionState current();

    /**
     * Ends the bound session ({@code exited}, now) and binds and announces a new one with
     * {@code context} ({@code startSession}), atomically: two callers racing restart it once each,
     * never both ending the same session.
     */
    SessionState restart(SessionTracker tracker, SessionContext context);

    /** Records an error on the bound session; integrations that also classify requests override it. */
    default void recordError(SessionTracker tracker, boolean handled) {
        SessionState state = current();
        if (state != null) {
            tracker.recordError(state, handled);
        }
    }

    /**
     * Announces {@code state}, the bound session, once the application looked at it; returns the
     * session bound afterwards (with a shared store, another node's session may have won the key).
     */
    default SessionState announce(SessionTracker tracker, SessionState state) {
        tracker.announce(state);
        return state;
    }

    /** Ends {@code state}, the bound session, now ({@code endSession}). */
    default void end(SessionTracker tracker, SessionState state) {
        tracker.end(state, dev.sessionhealth.SessionStatus.EXITED);
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
