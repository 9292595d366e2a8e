package dev.sessionhealth.internal;

import dev.sessionhealth.SessionContext;
import dev.sessionhealth.SessionStatus;
import dev.sessionhealth.internal.session.SessionState;
import dev.sessionhealth.internal.session.SessionTracker;

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

    /**
     * Ends the bound session ({@code exited}, now) and binds and announces a new one with
     * {@code context} ({@code startSession}). Bindings kept in the registry do it there, with its
     * compare-and-set; this default is for a slot only one caller uses at a time.
     */
    default SessionState restart(SessionTracker tracker, SessionContext context) {
        SessionState previous = current();
        if (previous != null) {
            tracker.end(previous, SessionStatus.EXITED);
        }
        SessionState next = tracker.create(context, userAgent(), ipAddress());
        replace(next);
        tracker.announce(next);
        return next;
    }

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
