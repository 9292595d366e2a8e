package dev.sessionhealth;

import java.util.Map;

/**
 * What a new session starts with. Release and environment fall back to the configured ones when
 * {@code null}; tags stay in the process (for {@link BeforeSend} and CDI observers) and are never sent.
 *
 * @param user the user, or {@code null} for an anonymous session
 * @param tags free-form labels, never sent
 * @param environment overrides the configured environment, or {@code null}
 * @param release overrides the configured release, or {@code null}
 */
public record SessionContext(User user, Map<String, String> tags, String environment, String release) {

    /** An anonymous session with the configured release and environment. */
    public static final SessionContext EMPTY = new SessionContext(null, Map.of(), null, null);

    public SessionContext {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    /** A session for this user with the configured release and environment. */
    public static SessionContext forUser(User user) {
        return new SessionContext(user, Map.of(), null, null);
    }

    /** A copy with another user. */
    public SessionContext withUser(User newUser) {
        return new SessionContext(newUser, tags, environment, release);
    }
}
