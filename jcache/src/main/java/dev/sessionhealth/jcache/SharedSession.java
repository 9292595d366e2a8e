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
 * @param lastOp the id of the last {@link SharedOp} that changed it (the cache's change events say
 *     which node caused them)
 * @param startOp the id of the operation that started this generation
 * @param ops the ids of the last {@value #OPS_KEPT} operations that started, changed the errors of or
 *     ended a session of this key, of any generation: an operation run again (the cache retries one
 *     while partitions move; a node repeats one whose answer it did not get) finds itself there and
 *     is not done twice
 * @param replaced the lapsed session its start ended, whose end the starting node sends ({@code null}
 *     if none)
 * @param previous the key's previous generation as it ended ({@code null} if none), so that an
 *     operation repeated after the key moved on still finds the session it was done to
 * @param ended a node ended it and sent its end: no node sends anything for it any more
 * @param starter the liveness entry of the node that started it ({@code null} if unknown)
 * @param startSent its start reached the ingest (or its node holds it to send): a node that ends a
 *     session whose start is not sent and whose starter is gone (killed before it sent it) sends the
 *     start with the end
 * @param ender the liveness entry of the node that ended it ({@code null} while open, or if unknown)
 * @param endSent its end reached the ingest (or its node holds it to send): an end its node never sent
 *     (killed first) is sent by another node, once
 * @param endStatus how it ended ({@code SessionStatus} name; {@code null} while open)
 */
record SharedSession(long generation, long lastOp, long startOp, long[] ops, SharedSession replaced,
        SharedSession previous, long sidHigh, long sidLow,
        long startedMillis, long lastSeenMillis, int errors, boolean ended,
        String release, String environment, String userId, String userEmail, String userName, String userIp,
        String presetDid, String userAgent, String ipAddress, String starter, boolean startSent, String ender,
        boolean endSent, String endStatus) implements Serializable {

    private static final long serialVersionUID = 2L;
    static final int OPS_KEPT = 16;
    private static final long[] NO_OPS = new long[0];

    /**
     * What a node announces for a session, last active at {@code atMillis} at the latest: one it
     * starts ({@code starter} its liveness entry, the start not sent yet), or one it knows started
     * ({@code startSent}).
     */
    static SharedSession of(SessionState state, long atMillis, String starter, boolean startSent) {
        SessionAttributes a = state.attributes();
        User u = a.user();
        UUID sid = state.sid();
        return new SharedSession(0, 0, 0, NO_OPS, null, null, sid.getMostSignificantBits(), sid.getLeastSignificantBits(), state.startedMillis(),
                Math.max(state.lastSeenMillis(), atMillis), state.errors(), false, a.release(), a.environment(),
                u == null ? null : u.id(), u == null ? null : u.email(), u == null ? null : u.username(),
                u == null ? null : u.ipAddress(), a.presetDid(), a.userAgent(), a.ipAddress(), starter, startSent, null, false, null);
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

    /** This session with its start sent (or held to send by the node that started it). */
    SharedSession withStartSent() {
        return startSent ? this : new SharedSession(generation, lastOp, startOp, ops, replaced, previous, sidHigh, sidLow,
                startedMillis, lastSeenMillis, errors, ended, release, environment, userId, userEmail, userName, userIp,
                presetDid, userAgent, ipAddress, starter, true, ender, endSent, endStatus);
    }

    /** Whether operation {@code op} started, changed or ended a session of this key lately. */
    boolean applied(long op) {
        for (long done : ops) {
            if (done == op) {
                return true;
            }
        }
        return false;
    }

    /** The session {@code sid} as the key holds it or last held it, or {@code null} if that is forgotten. */
    SharedSession find(UUID sid) {
        return is(sid) ? this : previous != null && previous.is(sid) ? previous : null;
    }

    /** Activity reported; not recorded in {@link #ops} (running it twice changes nothing). */
    SharedSession seen(long atMillis, long op) {
        return atMillis <= lastSeenMillis ? this : new SharedSession(generation, op, startOp, ops, replaced, previous,
                sidHigh, sidLow, startedMillis, atMillis, errors, ended, release, environment, userId, userEmail,
                userName, userIp, presetDid, userAgent, ipAddress, starter, startSent, ender, endSent, endStatus);
    }

    /**
     * This session as the key's next generation after {@code previous} ({@code null}: none), started
     * by operation {@code op}, replacing {@code lapsed} ({@code null}: none).
     */
    SharedSession after(SharedSession before, long op, SharedSession lapsed) {
        SharedSession ended = lapsed != null ? lapsed : before == null ? null : before.alone();
        return new SharedSession(before == null ? 1 : before.generation + 1, op, op,
                withOp(before == null ? NO_OPS : before.ops, op), lapsed, ended, sidHigh, sidLow, startedMillis,
                lastSeenMillis, errors, this.ended, release, environment, userId, userEmail, userName, userIp,
                presetDid, userAgent, ipAddress, starter, startSent, ender, endSent, endStatus);
    }

    /** This session ended ({@code status}) by operation {@code op} of the node {@code by}, its end not sent yet. */
    SharedSession endedBy(long lastSeen, int newErrors, long op, String by, String status) {
        return new SharedSession(generation, op, startOp, withOp(ops, op), replaced, previous, sidHigh, sidLow,
                startedMillis, lastSeen, newErrors, true, release, environment, userId, userEmail, userName,
                userIp, presetDid, userAgent, ipAddress, starter, startSent, by, false, status);
    }

    /** This session with its end sent (or held to send by the node that ended it). */
    SharedSession withEndSent() {
        return endSent ? this : new SharedSession(generation, lastOp, startOp, ops, replaced, previous, sidHigh, sidLow,
                startedMillis, lastSeenMillis, errors, ended, release, environment, userId, userEmail, userName, userIp,
                presetDid, userAgent, ipAddress, starter, startSent, ender, true, endStatus);
    }

    /** This session ended, its end to be sent again by the node {@code by} (the one that ended it is gone). */
    SharedSession endedAgainBy(String by) {
        return new SharedSession(generation, lastOp, startOp, ops, replaced, previous, sidHigh, sidLow,
                startedMillis, lastSeenMillis, errors, ended, release, environment, userId, userEmail, userName, userIp,
                presetDid, userAgent, ipAddress, starter, startSent, by, false, endStatus);
    }

    /** This session changed by operation {@code op}. */
    SharedSession with(long lastSeen, int newErrors, boolean isEnded, long op) {
        return new SharedSession(generation, op, startOp, withOp(ops, op), replaced, previous, sidHigh, sidLow,
                startedMillis, lastSeen, newErrors, isEnded, release, environment, userId, userEmail, userName,
                userIp, presetDid, userAgent, ipAddress, starter, startSent, ender, endSent, endStatus);
    }

    /** This session with {@code before} as the key's previous generation, noted by operation {@code op}. */
    /** This session with {@code before}, its previous generation as it is now (its end noted sent, say). */
    SharedSession keepingPrevious(SharedSession before) {
        return new SharedSession(generation, lastOp, startOp, ops, replaced, before, sidHigh, sidLow,
                startedMillis, lastSeenMillis, errors, ended, release, environment, userId, userEmail, userName,
                userIp, presetDid, userAgent, ipAddress, starter, startSent, ender, endSent, endStatus);
    }

    SharedSession withPrevious(SharedSession before, long op) {
        return new SharedSession(generation, op, startOp, withOp(ops, op), replaced, before, sidHigh, sidLow,
                startedMillis, lastSeenMillis, errors, ended, release, environment, userId, userEmail, userName,
                userIp, presetDid, userAgent, ipAddress, starter, startSent, ender, endSent, endStatus);
    }

    /**
     * This session without the key's earlier generations, to keep as {@link #previous}: what it
     * replaced stays (a repeated start must still find what it ended), itself without history.
     */
    SharedSession alone() {
        SharedSession r = replaced == null ? null : replaced.bare();
        return new SharedSession(generation, lastOp, startOp, NO_OPS, r, null, sidHigh, sidLow, startedMillis,
                lastSeenMillis, errors, ended, release, environment, userId, userEmail, userName, userIp, presetDid,
                userAgent, ipAddress, starter, startSent, ender, endSent, endStatus);
    }

    /** This session without any history. */
    SharedSession bare() {
        return new SharedSession(generation, lastOp, startOp, NO_OPS, null, null, sidHigh, sidLow, startedMillis,
                lastSeenMillis, errors, ended, release, environment, userId, userEmail, userName, userIp, presetDid,
                userAgent, ipAddress, starter, startSent, ender, endSent, endStatus);
    }

    private static long[] withOp(long[] ops, long op) {
        int keep = Math.min(ops.length, OPS_KEPT - 1);
        long[] next = new long[keep + 1];
        System.arraycopy(ops, ops.length - keep, next, 0, keep);
        next[keep] = op;
        return next;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SharedSession s && s.generation == generation && s.lastOp == lastOp
                && s.sidHigh == sidHigh && s.sidLow == sidLow && s.lastSeenMillis == lastSeenMillis
                && s.errors == errors && s.ended == ended;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(lastOp) * 31 + Long.hashCode(sidLow);
    }
}
