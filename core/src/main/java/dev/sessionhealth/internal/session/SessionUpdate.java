package dev.sessionhealth.internal.session;

import dev.sessionhealth.SessionStatus;

/**
 * One transmission of a session, as recorded on the calling thread: a reference to the state plus
 * the few values that change. Turned into a {@link dev.sessionhealth.Session} on the sender thread,
 * so request threads never hash, format or allocate strings.
 */
public record SessionUpdate(SessionState state, long timestampMillis, SessionStatus status, int errors, boolean init) {

    /** This update merged with a later one of the same session: the later values, the earlier {@code init}. */
    public SessionUpdate mergeLater(SessionUpdate later) {
        return new SessionUpdate(state, later.timestampMillis, later.status, later.errors, init || later.init);
    }
}
