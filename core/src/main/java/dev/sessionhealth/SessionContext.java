package dev.sessionhealth;

import java.util.Map;

/**
 * What a new session starts with. Release and environment fall back to the configured ones when
 * {@code null}.
 *
 * <p>Tags are kept with the session in this process and never sent: every {@link Session} of it
 * carries them in {@link Session#tags()}, so a {@link BeforeSend} hook sees them, and so do observers
 * of the CDI module's {@code SessionStarted} and {@code SessionEnded} events. They are not written to
 * the journal: after a crash, the {@code abnormal} end sent on the next start has no tags, and neither
 * has a session another node took over (a replicated HTTP session).
 *
 * @param user the user, or {@code null} for an anonymous session
 * @param tags free-form labels, never sent; {@code null} means none
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
