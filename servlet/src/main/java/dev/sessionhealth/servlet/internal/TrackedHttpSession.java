package dev.sessionhealth.servlet.internal;

import dev.sessionhealth.SessionManager;
import dev.sessionhealth.internal.RequestSessions;
import dev.sessionhealth.internal.session.SessionState;
import dev.sessionhealth.internal.session.SharedKey;
import dev.sessionhealth.servlet.SessionHealthFilter;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionBindingEvent;
import jakarta.servlet.http.HttpSessionBindingListener;
import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/**
 * The tracked session's state inside the HTTP session ({@link #ATTRIBUTE}), serializable so that
 * container replication carries it to the node that serves the next request. Its registry key is
 * its own random id, not the HTTP session id, which containers change at login.
 *
 * <p>Removing the attribute, which invalidation (logout) and container expiry do, ends the tracked
 * session {@code exited} at once. Sessions are counted by requests, never by these events.
 */
public final class TrackedHttpSession implements HttpSessionBindingListener, Serializable {

    public static final String ATTRIBUTE = "dev.sessionhealth.TrackedSession";
    private static final long serialVersionUID = 1L;
    private static final long LAST_SEEN_STEP = 60_000L;

    private final String key;
    /** The store's key for {@link #key}, made once per node (it does not travel). */
    private transient volatile Key storeKey;
    private String sid;
    /**
     * The tracked session {@link #sid} was last copied from, on this node: the same object has the
     * same sid, so a request of a known session neither renders nor compares it again.
     */
    private transient SessionState copiedFrom;
    private long startedMillis;
    private long lastSeenMillis;
    private int errors;
    private String userId;
    private String username;

    TrackedHttpSession(String key) {
        this.key = key;
    }

    /**
     * The store key of the tracked session: its random id, the same on every node the HTTP session
     * travels to, so that a store shared by the nodes finds it under the same key everywhere.
     */
    public Object key() {
        Key k = storeKey;
        if (k == null) {
            k = new Key(key);
            storeKey = k;
        }
        return k;
    }

    /**
     * The store key: equal for equal ids, and shared by every node (a replicated HTTP session carries
     * the id). It keeps its id's hash: the registry hashes the key at every lookup, and under load the
     * id's string is rarely in the CPU's cache (a record would read it each time).
     */
    private static final class Key implements SharedKey {
        private final String id;
        private final int hash;

        Key(String id) {
            this.id = id;
            this.hash = id.hashCode();
        }

        @Override
        public String sharedId() {
            return "http-" + id;
        }

        @Override
        public boolean equals(Object o) {
            return o == this || o instanceof Key k && hash == k.hash && id.equals(k.id);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public String toString() {
            return "Key[" + id + "]";
        }
    }

    /** Whether this node or another one tracks an open session in it (without parsing its sid). */
    synchronized boolean hasSid() {
        return sid != null;
    }

    /** The sid this node or another one tracked, or {@code null} if none is open. */
    synchronized UUID sid() {
        return sid == null ? null : UUID.fromString(sid);
    }

    synchronized long startedMillis() {
        return startedMillis;
    }

    /** When the session was last active, to a minute (finer would make every request dirty the session). */
    synchronized long lastSeenMillis() {
        return lastSeenMillis;
    }

    synchronized int errors() {
        return errors;
    }

    synchronized String userId() {
        return userId;
    }

    synchronized String username() {
        return username;
    }

    /** Copies the open session's state; true if anything changed (and replication must see it). */
    synchronized boolean copy(SessionState state) {
        String nextSid = sidOf(state);
        copiedFrom = nextSid == null ? null : state;
        int nextErrors = nextSid == null ? 0 : state.errors();
        long seen = nextSid == null ? 0 : state.lastSeenMillis();
        if (Objects.equals(nextSid, sid) && nextErrors == errors && seen - lastSeenMillis < LAST_SEEN_STEP) {
            return false;
        }
        sid = nextSid;
        errors = nextErrors;
        lastSeenMillis = seen;
        startedMillis = nextSid == null ? 0 : state.startedMillis();
        var user = nextSid == null ? null : state.attributes().user();
        userId = user == null ? null : user.id();
        username = user == null ? null : user.username();
        return true;
    }

    /** The sid to keep for {@code state}: none once it ended, and the one copied already from the same state. */
    private String sidOf(SessionState state) {
        if (!state.isOpen()) {
            return null;
        }
        return state == copiedFrom && sid != null ? sid : state.sid().toString();
    }

    /**
     * Stores {@code state} in the HTTP session if it changed. Nothing bound ({@code null}) leaves the
     * attribute as it is: the registry forgot the key (unbinding, a sweep), and the expiry check on
     * takeover decides. Ignores an invalidated session.
     */
    void save(HttpSession session, SessionState state) {
        if (state != null && copy(state)) {
            try {
                session.setAttribute(ATTRIBUTE, this); // same instance: no unbind, marks it dirty for replication
            } catch (IllegalStateException invalidated) {
                // logged out during the request: valueUnbound already ended the session
            }
        }
    }

    @Override
    public void valueUnbound(HttpSessionBindingEvent event) {
        if (event.getSession().getServletContext().getAttribute(SessionHealthFilter.MANAGER_ATTRIBUTE)
                instanceof SessionManager manager) {
            RequestSessions.of(manager, "the servlet context attribute " + SessionHealthFilter.MANAGER_ATTRIBUTE)
                    .end(key());
        }
    }
}
