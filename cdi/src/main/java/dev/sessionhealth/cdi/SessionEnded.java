package dev.sessionhealth.cdi;

import dev.sessionhealth.Session;

/**
 * CDI event fired when a session is ended through the injected {@link dev.sessionhealth.SessionManager}:
 * by {@code endSession()} (logout) or because {@code startSession} replaced it. Sessions that expire
 * or crash end without this event.
 *
 * @param session the session in its final state, with its tags in {@link Session#tags()}
 */
public record SessionEnded(Session session) {
}
