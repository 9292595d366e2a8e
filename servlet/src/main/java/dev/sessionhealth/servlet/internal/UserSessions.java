package dev.sessionhealth.servlet.internal;

import dev.sessionhealth.SessionContext;
import dev.sessionhealth.SessionStatus;
import dev.sessionhealth.User;
import dev.sessionhealth.internal.RequestTracking;
import dev.sessionhealth.internal.SessionRegistry;
import dev.sessionhealth.internal.SessionState;
import dev.sessionhealth.internal.SessionTracker;

/**
 * Opens the user session of a key for one request (cookie and HTTP-session modes), restarting it
 * when a principal appears or changes: {@code did} is immutable after the first transmission, so a
 * user who becomes known mid-session needs a new session.
 *
 * <p>A user taken from a principal is kept as {@code User(name, null, name, null)}. The session
 * restarts when a principal shows up in an anonymous session, or when the principal is neither the
 * user's id nor its username while a username is set. A user the application set through
 * {@code startSession} with only an id is left alone. A principal that disappears (logout without
 * {@code endSession}, or a container that authenticates only protected paths) changes nothing.
 */
public final class UserSessions {

    private final SessionTracker tracker;
    private final SessionRegistry registry;

    public UserSessions(SessionTracker tracker, SessionRegistry registry) {
        this.tracker = tracker;
        this.registry = registry;
    }

    public SessionTracker tracker() {
        return tracker;
    }

    public SessionRegistry registry() {
        return registry;
    }

    /** Counts this request in the open session of {@code key} and returns the request's tracking. */
    public RequestTracking open(Object key, ClientDetails client) {
        SessionContext context = context(client.principal());
        SessionState state = registry.touch(key, context, client.userAgent(), client.ipAddress());
        if (mustRestart(state, client.principal())) {
            restart(key, state, context, client);
        }
        return new RequestTracking(tracker, registry, key, client.userAgent(), client.ipAddress());
    }

    /**
     * A principal that became known later in the request (an authentication filter that runs after
     * ours): restarts the open session of {@code key} by the same rule as {@link #open}.
     */
    public void reconsider(Object key, ClientDetails client) {
        SessionState state = registry.get(key);
        if (state != null && mustRestart(state, client.principal())) {
            restart(key, state, context(client.principal()), client);
        }
    }

    static SessionContext context(String principal) {
        return principal == null ? SessionContext.EMPTY
                : SessionContext.forUser(new User(principal, null, principal, null));
    }

    static boolean mustRestart(SessionState state, String principal) {
        if (principal == null) {
            return false;
        }
        User user = state.attributes().user();
        if (user == null) {
            return true;
        }
        if (principal.equals(user.id()) || principal.equals(user.username())) {
            return false;
        }
        return user.username() != null;
    }

    private void restart(Object key, SessionState state, SessionContext context, ClientDetails client) {
        // the session's own monitor: two requests of one user restart it once
        synchronized (state) {
            if (registry.get(key) != state) {
                return; // the other request did it
            }
            tracker.end(state, SessionStatus.EXITED);
            SessionState fresh = tracker.create(context, client.userAgent(), client.ipAddress());
            registry.put(key, fresh);
            tracker.announce(fresh);
            tracker.touch(fresh);
        }
    }
}
