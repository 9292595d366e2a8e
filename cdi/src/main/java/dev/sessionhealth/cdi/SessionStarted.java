package dev.sessionhealth.cdi;

import dev.sessionhealth.Session;

/**
 * CDI event fired when a session is started through the injected {@link dev.sessionhealth.SessionManager}
 * ({@code startSession}), for example at login. Observe it with {@code @Observes SessionStarted}.
 *
 * @param session the new session as it was sent, with the {@link dev.sessionhealth.SessionContext#tags() tags}
 *     it was started with in {@link Session#tags()}
 */
public record SessionStarted(Session session) {
}
