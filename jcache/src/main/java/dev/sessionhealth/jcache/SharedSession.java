package dev.sessionhealth.jcache;

import dev.sessionhealth.User;
import dev.sessionhealth.internal.session.SessionAttributes;
import dev.sessionhealth.internal.session.SessionState;
import java.io.Serializable;
import java.util.UUID;

/**
 * A session as every node sees it in the cache, under its key's shared id: who it is (sid, start,
 * the attributes it was first sent with, which never change), the last activity any node reported,
 * the errors all nodes recorded, and whether one node ended it. Entries are replaced whole, by
 * {@link SharedOp}s running atomically on the key's entry.
 *
 * @param generation one more than the session the key had before (1 for the first): a node's copy
 *     of an older generation is stale
 * @param lastOp the id of the last {@link SharedOp} that changed it: the cache may run an operation
 *     again (a retry while partitions move), and the second run must find it done, not do it twice
 * @param replaced the lapsed session its start replaced, which the starting node ends ({@code null}
 *     if none, and once it changed after its start)
 * @param ended a node ended it and sent its end: no node sends anything for it any more
 */
record SharedSession(long generation, long lastOp, SharedSession replaced, long sidHigh, long sidLow,
        long startedMillis, long lastSeenMillis, int errors, boolean ended,
        String release, String environment, String userId, String userEmail, String userName, String userIp,
        String presetDid, String userAgent, String ipAddress) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** What a node announces for a session it started, last active at {@code atMillis} at the latest. */
    static SharedSession of(SessionState state, long atMillis) {
        SessionAttributes a = state.attributes();
        User u = a.user();
        UUID sid = state.sid();
        return new SharedSession(0, 0, null, sid.getMostSignificantBits(), sid.getLeastSignificantBits(), state.startedMillis(),
                Math.max(state.lastSeenMillis(), atMillis), state.errors(), false, a.release(), a.environment(),
                u == null ? null : u.id(), u == null ? null : u.email(), u == null ? null : u.username(),
                u == null ? null : u.ipAddress(), a.presetDid(), a.userAgent(), a.ipAddress());
    }

    UUID sid() {
        return new UUID(sidHigh, sidLow);
    }

    boolean is(UUID sid) {
        return sid.getMostSignificantBits() == sidHigh && sid.getLeastSignificantBits() == sidLow;
    }

    /** The attributes it was first sent with, for the node that continues or ends it. */
    SessionAttributes attributes() {
        User user = userId == null && userEmail == null && userName == null && userIp == null ? null
                : new User(userId, userEmail, userName, userIp);
        return new SessionAttributes(release, environment, user, userAgent, ipAddress, presetDid);
    }

    /**
     * Whether it lapsed for the whole cluster: idle for the timeout plus one heartbeat (a node's
     * activity reaches the cache at most a heartbeat late) or older than the maximum duration.
     */
    boolean lapsed(long nowMillis, long idleMillis, long maxMillis) {
        return nowMillis - lastSeenMillis >= idleMillis || nowMillis - startedMillis >= maxMillis;
    }

    SharedSession seen(long atMillis, long op) {
        return atMillis <= lastSeenMillis ? this : with(atMillis, errors, ended, op);
    }

    /**
     * This session as the key's next generation after {@code previous} ({@code null}: none), started
     * by operation {@code op}, replacing {@code lapsed} ({@code null}: none).
     */
    SharedSession after(SharedSession previous, long op, SharedSession lapsed) {
        return new SharedSession(previous == null ? 1 : previous.generation + 1, op, lapsed, sidHigh, sidLow,
                startedMillis, lastSeenMillis, errors, ended, release, environment, userId, userEmail, userName, userIp,
                presetDid, userAgent, ipAddress);
    }

    /** This session changed by operation {@code op}. */
    SharedSession with(long lastSeen, int newErrors, boolean isEnded, long op) {
        return new SharedSession(generation, op, null, sidHigh, sidLow, startedMillis, lastSeen, newErrors, isEnded,
                release, environment, userId, userEmail, userName, userIp, presetDid, userAgent, ipAddress);
    }
}
