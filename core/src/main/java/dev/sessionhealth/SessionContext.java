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
 * <p>User agent and IP address are for sessions started where no servlet filter saw the request (a
 * JAX-RS resource under the CDI module alone, a WebSocket, a job acting for a client). Like the
 * filter's, they are kept only when {@link SessionOptions#sendDefaultPii()} is on, and cleaned the
 * same way: control characters and runs of whitespace become one space and the user agent is cut to
 * 512 characters; an address is kept only if it is a plain IPv4 or IPv6 literal. A value that is
 * {@code null}, or that nothing is left of after cleaning, leaves the one the request's binding has.
 *
 * @param user the user, or {@code null} for an anonymous session
 * @param tags free-form labels, never sent; {@code null} means none
 * @param environment overrides the configured environment, or {@code null}
 * @param release overrides the configured release, or {@code null}
 * @param userAgent the client's user agent, or {@code null}; wins over the one the servlet filter or
 *     the JAX-RS hook read from the request
 * @param ipAddress the client's IP address, or {@code null}; wins over {@link User#ipAddress()} and over
 *     the address the servlet filter or the JAX-RS hook read from the request
 */
public record SessionContext(User user, Map<String, String> tags, String environment, String release,
        String userAgent, String ipAddress) {

    /** An anonymous session with the configured release and environment. */
    public static final SessionContext EMPTY = new SessionContext(null, Map.of(), null, null);

    /** Takes an immutable copy of the tags ({@code null}: none). */
    public SessionContext {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    /** A context without user agent and IP address (those of the request's binding are used, if any). */
    public SessionContext(User user, Map<String, String> tags, String environment, String release) {
        this(user, tags, environment, release, null, null);
    }

    /** A session for this user with the configured release and environment. */
    public static SessionContext forUser(User user) {
        return new SessionContext(user, Map.of(), null, null);
    }

    /** A copy with another user. */
    public SessionContext withUser(User newUser) {
        return new SessionContext(newUser, tags, environment, release, userAgent, ipAddress);
    }

    /** A copy with this user agent ({@code null}: the binding's), kept only when personal data is enabled. */
    public SessionContext withUserAgent(String newUserAgent) {
        return new SessionContext(user, tags, environment, release, newUserAgent, ipAddress);
    }

    /** A copy with this IP address ({@code null}: the user's or the binding's), kept only when personal data is enabled. */
    public SessionContext withIpAddress(String newIpAddress) {
        return new SessionContext(user, tags, environment, release, userAgent, newIpAddress);
    }
}
