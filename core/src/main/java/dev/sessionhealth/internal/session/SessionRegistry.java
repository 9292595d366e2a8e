package dev.sessionhealth.internal.session;

import dev.sessionhealth.SessionContext;
import dev.sessionhealth.SessionStatus;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Open sessions by an integration's key (a checked cookie, our id in an HTTP session: any object
 * with value equality). Expires idle and too-long sessions from the sender thread, so an abandoned
 * session ends {@code exited} without waiting for a request that never comes.
 *
 * <p>The one place where a key's session is replaced: {@link #touch} (the previous one expired or
 * ended), {@link #restart} (a principal appeared, {@code startSession}) and {@link #takeOver} (a
 * session another node started) all swap it with a compare-and-set on the key, so two requests of
 * one client never both end a session or both start one; whoever loses uses the winner's.
 */
public final class SessionRegistry implements SessionStore {

    private final SessionTracker tracker;
    private final ConcurrentHashMap<Object, SessionState> byKey = new ConcurrentHashMap<>();

    public SessionRegistry(SessionTracker tracker) {
        this.tracker = tracker;
    }

    /**
     * The open session for {@code key} with this request counted, starting one if there is none or
     * the previous one ended or expired. A session started here is not announced yet: the caller
     * announces it ({@link SessionTracker#announce}) once the request showed who it is.
     */
    @Override
    public SessionState touch(Object key, SessionContext context, String userAgent, String ipAddress) {
        SessionState state = byKey.get(key);
        if (state != null && tracker.touchIfLive(state)) {
            return state;
        }
        return restart(key, state, context, userAgent, ipAddress);
    }

    /** The session for {@code key} if one is bound, open or not. */
    @Override
    public SessionState get(Object key) {
        return byKey.get(key);
    }

    @Override
    public SessionState announce(Object key, SessionState state) {
        tracker.announce(state);
        return state;
    }

    @Override
    public void recordError(Object key, SessionState state, boolean handled) {
        tracker.recordError(state, handled);
    }

    @Override
    public void endNow(Object key, SessionState state, SessionStatus status) {
        tracker.end(state, status);
    }

    /**
     * Ends the session of {@code key} now ({@code exited}) and binds a new one with {@code context}:
     * end, create, bind, announce, touch, once, whichever thread gets there first.
     *
     * @param needed re-checked on the session bound when the swap is attempted: a concurrent request
     *     may have restarted it already, and then {@code false} keeps the one it started
     * @return the session bound to the key afterwards
     */
    @Override
    public SessionState restart(Object key, SessionContext context, String userAgent, String ipAddress,
            Predicate<SessionState> needed) {
        while (true) {
            SessionState current = byKey.get(key);
            if (current != null && !needed.test(current)) {
                return current;
            }
            SessionState fresh = tracker.create(context, userAgent, ipAddress);
            if (swap(key, current, fresh)) {
                if (current != null && !current.discardUnannounced()) {
                    tracker.end(current, SessionStatus.EXITED); // announced: it ends; never announced: it never was
                }
                tracker.announce(fresh);
                tracker.touch(fresh);
                return fresh;
            }
        }
    }

    /**
     * Binds a session another node started (it travelled in a replicated HTTP session) to a key this
     * node does not know yet, without announcing it again; a session bound meanwhile wins.
     */
    @Override
    public SessionState takeOver(Object key, SessionState resumed) {
        SessionState existing = byKey.putIfAbsent(key, resumed);
        if (existing != null) {
            return existing;
        }
        tracker.touch(resumed); // active now: the HTTP session is alive, so do not expire it on arrival
        return resumed;
    }

    /** Forgets {@code key} without ending its session, as a node that never saw it would be (failover tests). */
    @Override
    public void forget(Object key) {
        byKey.remove(key);
    }

    /** Ends the session of {@code key} with this status, at its last activity, and forgets the key. */
    @Override
    public void end(Object key, SessionStatus status) {
        SessionState state = byKey.remove(key);
        if (state != null) {
            tracker.endAtLastActivity(state, status);
        }
    }

    /** The sessions open now (a weakly consistent view, for the journal). */
    @Override
    public java.util.List<SessionState> openSessions() {
        java.util.List<SessionState> out = new java.util.ArrayList<>(byKey.size());
        for (SessionState s : byKey.values()) {
            if (s.isOpen()) {
                out.add(s);
            }
        }
        return out;
    }

    /**
     * How many of its sessions are open now: one pass over the map, without copying it (ended ones
     * stay until the next sweep, so {@link #size()} may count a few too many).
     */
    @Override
    public long openCount() {
        long open = 0;
        for (SessionState s : byKey.values()) {
            if (s.isOpen()) {
                open++;
            }
        }
        return open;
    }

    int size() {
        return byKey.size();
    }

    /** Ends expired sessions as {@code exited} and forgets ended ones. Runs on the sender thread. */
    @Override
    public void sweep() {
        long now = tracker.nowMillis();
        for (Map.Entry<Object, SessionState> e : byKey.entrySet()) {
            SessionState state = e.getValue();
            if (!state.isOpen()) {
                byKey.remove(e.getKey(), state);
            } else if (tracker.isExpired(state, now) && byKey.remove(e.getKey(), state)) {
                tracker.endAtLastActivity(state, SessionStatus.EXITED);
            }
        }
    }

    /** Ends every open session as {@code exited} (graceful shutdown). */
    @Override
    public void endAll() {
        for (Map.Entry<Object, SessionState> e : byKey.entrySet()) {
            if (byKey.remove(e.getKey(), e.getValue())) {
                tracker.endAtLastActivity(e.getValue(), SessionStatus.EXITED);
            }
        }
    }

    private boolean swap(Object key, SessionState expected, SessionState next) {
        return expected == null ? byKey.putIfAbsent(key, next) == null : byKey.replace(key, expected, next);
    }

    private SessionState restart(Object key, SessionState previous, SessionContext context, String userAgent,
            String ipAddress) {
        SessionState fresh = tracker.create(context, userAgent, ipAddress);
        if (swap(key, previous, fresh)) {
            if (previous != null) {
                tracker.endAtLastActivity(previous, SessionStatus.EXITED); // expired: no-op if it had ended already
            }
            tracker.touch(fresh); // announced by the integration once the request showed who it is
            return fresh;
        }
        // another request of the same client won the race: ours was never sent, use theirs
        SessionState winner = byKey.get(key);
        return winner != null && tracker.touchIfLive(winner) ? winner : touch(key, context, userAgent, ipAddress);
    }
}
