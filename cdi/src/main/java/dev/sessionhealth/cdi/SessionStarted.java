package dev.sessionhealth.cdi;

import dev.sessionhealth.Session;

/**
 * CDI event fired when a session is started through the injected {@link dev.sessionhealth.SessionManager}
 * ({@code startSession}), for example at login. Observe it with {@code @Observes SessionStarted}.
 *
 * @param session the new session as it was sent
 */
public record SessionStarted(Session session) {
}
