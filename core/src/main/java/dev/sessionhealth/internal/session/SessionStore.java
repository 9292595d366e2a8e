package dev.sessionhealth.internal.session;

import dev.sessionhealth.SessionContext;
import dev.sessionhealth.SessionStatus;
import java.util.List;
import java.util.function.Predicate;

/**
 * Where the open user sessions of one manager live, by the integration's key (a checked cookie, our
 * id in an HTTP session: any object with value equality). {@link SessionRegistry} keeps them in this
 * process's memory; a store shared by several nodes implements the same operations with the same
 * guarantees:
 *
 * <ul>
 *   <li>one session per key at a time; every replacement ({@link #touch} after a lapse,
 *       {@link #restart}, {@link #takeOver}) is atomic on the key, so racing requests of one client
 *       never both end a session or both start one;
 *   <li>a replaced or expired session ends exactly once, and nothing is sent for it after its end;
 *   <li>request threads never wait on anything but the key's own entry.
 * </ul>
 */
public interface SessionStore {

    /**
     * The open session for {@code key} with this request counted, starting one if there is none or
     * the previous one ended or lapsed (that one ends {@code exited} at its last activity). A session
     * started here is not announced: the caller announces it once the request showed who it is, and a
     * {@link #restart} before that discards it without a trace.
     */
    SessionState touch(Object key, SessionContext context, String userAgent, String ipAddress);

    /** The session for {@code key} if one is bound, open or not. */
    SessionState get(Object key);

    /**
     * Sends the first update of {@code state}, a session {@link #touch} started for {@code key},
     * unless it was announced already. A store shared by several nodes may find that another node
     * announced a session for the key first: this one is then discarded without a trace, and the
     * other one is returned and bound.
     *
     * @return the session bound to the key afterwards
     */
    SessionState announce(Object key, SessionState state);

    /**
     * Records an error of a request of {@code key} on {@code state}, the session the request was
     * counted in: a handled one adds to its errors, an unhandled one ends it crashed, once.
     */
    void recordError(Object key, SessionState state, boolean handled);

    /** Ends {@code state}, a session of {@code key}, now with this status (the application ended it). */
    void endNow(Object key, SessionState state, SessionStatus status);

    /**
     * Ends the session of {@code key} now ({@code exited}; one never announced is discarded instead)
     * and binds, announces and touches a new one
     * with {@code context}, unless {@code needed} is false for the session bound when the swap happens.
     *
     * @return the session bound to the key afterwards
     */
    SessionState restart(Object key, SessionContext context, String userAgent, String ipAddress,
            Predicate<SessionState> needed);

    /** Binds a session another node started to a key this one does not know; a session bound meanwhile wins. */
    SessionState takeOver(Object key, SessionState resumed);

    /** Ends the session of {@code key} with this status, at its last activity, and forgets the key. */
    void end(Object key, SessionStatus status);

    /** Forgets {@code key} without ending its session. */
    void forget(Object key);

    /** The sessions open now (a weakly consistent view). */
    List<SessionState> openSessions();

    /** How many sessions are open now. */
    long openCount();

    /** Ends lapsed sessions ({@code exited}, at their last activity) and forgets ended ones; the sender thread runs it every second. */
    void sweep();

    /**
     * The manager shuts down: ends every open session as {@code exited} at its last activity. A store
     * shared by several nodes ends only what no other node will continue.
     */
    void endAll();

    /** Releases what the store holds (after {@link #endAll}, before the last updates are sent). */
    default void close() {
    }

    /**
     * The sender thread tells a store which updates the ingest accepted, or may have (an unknown
     * outcome), or refused for good: the starts ({@code init}) and ends among them are settled and
     * never sent again by this node. Nothing by default.
     */
    default void settled(java.util.List<SessionUpdate> updates) {
    }

    /**
     * The sender thread tells a store that an envelope with these updates went out whole, before its
     * answer: should this node die before it settles them, the ingest may have counted their starts and
     * ends. Nothing by default.
     */
    default void wentOut(java.util.List<SessionUpdate> updates) {
    }

    /** The sender thread tells a store that these updates were not delivered and are sent again later. */
    default void kept(java.util.List<SessionUpdate> updates) {
    }
}
