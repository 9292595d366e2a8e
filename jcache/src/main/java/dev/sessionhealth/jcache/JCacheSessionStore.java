package dev.sessionhealth.jcache;

import dev.sessionhealth.SessionContext;
import dev.sessionhealth.SessionStatus;
import dev.sessionhealth.internal.session.SessionRegistry;
import dev.sessionhealth.internal.session.SessionState;
import dev.sessionhealth.internal.session.SessionStore;
import dev.sessionhealth.internal.session.SessionTracker;
import dev.sessionhealth.internal.session.SharedKey;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import javax.cache.Cache;

/**
 * The sessions of one node, shared with the other nodes through a JCache cache. Each node keeps a
 * local copy of the sessions it serves, so a request of a known session makes no call to the cache;
 * the cache is written when a session's fate changes (start, error, end) and, from the sender thread,
 * with the last activity at most once per heartbeat. Every change is a {@link SharedOp} on the key's
 * entry, atomic wherever the cache runs it, so one node alone starts a session (sends {@code init}),
 * and one node alone ends it (sends its end), whichever nodes served it.
 *
 * <p>A local copy can be stale: another node ended the session (a crash there) and maybe started the
 * next one. Nothing is sent on a stale copy: its error or end operation finds another sid and fails,
 * and the node then follows the cache; its heartbeat finds the same, and drops it.
 *
 * <p>Keys that are not {@link SharedKey}s (an HTTP session's id) stay on this node, in memory.
 */
final class JCacheSessionStore implements SessionStore {

    private static final Logger LOG = System.getLogger("dev.sessionhealth");
    private static final String SESSION = "s:";
    private static final String MEMBER = "m:";

    private final Cache<String, Object> cache;
    private final SessionTracker tracker;
    private final SessionRegistry unshared;
    private final ConcurrentHashMap<Object, Local> local = new ConcurrentHashMap<>();
    private final long heartbeatMillis;
    /** How long a leaving node waits at most for another node's liveness entry to move. */
    private static final long LIVENESS_WAIT_MILLIS = 3_000;
    /** A liveness entry this old belongs to a node that is gone: the sweep removes it. */
    private final long memberTimeoutMillis;
    /** Idle time after which the cluster ends a session: the timeout plus one heartbeat. */
    private final long idleMillis;
    private final long maxMillis;
    private final String member = MEMBER + UUID.randomUUID();
    /**
     * The operations this node ran lately, by id, with when (wall clock): their change events come
     * back to this node too, and must not make it drop the copy it is about to update itself.
     */
    private final ConcurrentHashMap<Long, Long> ownOps = new ConcurrentHashMap<>();
    /** Set when the manager shuts down: the sweep stops reporting this node as a member. */
    private volatile boolean leaving;
    /** Sender thread only. */
    private long lastClusterSweep;
    private long lastMemberBeat;

    /** The keys of the local copies by their text in the cache, for the cache's change events. */
    private final ConcurrentHashMap<String, Object> keys = new ConcurrentHashMap<>();
    private final ChangeListener.Registration changes;

    /** One node's copy of a session, and the last activity the cache has from this node. */
    private static final class Local {
        final SessionState state;
        final String sharedKey;
        /** Written by the sender thread (heartbeats), read by it and by request threads creating copies. */
        volatile long written;
        /** Its {@link SharedSession#generation()}, once known (0 before it is announced). */
        volatile long generation;

        Local(SessionState state, String sharedKey, long written, long generation) {
            this.state = state;
            this.sharedKey = sharedKey;
            this.written = written;
            this.generation = generation;
        }
    }

    /** The cache manager to close with the store ({@code null}: the application's, left open). */
    private final javax.cache.CacheManager owned;

    JCacheSessionStore(Cache<String, Object> cache, SessionTracker tracker, long heartbeatMillis,
            javax.cache.CacheManager owned) {
        this.owned = owned;
        this.cache = cache;
        this.tracker = tracker;
        this.unshared = new SessionRegistry(tracker);
        this.heartbeatMillis = heartbeatMillis;
        this.memberTimeoutMillis = Math.max(60_000, 3 * heartbeatMillis);
        this.idleMillis = tracker.options().sessionTimeout().toMillis() + heartbeatMillis;
        this.maxMillis = tracker.options().maxSessionDuration().toMillis();
        this.changes = ChangeListener.register(cache, this);
        beat();
    }

    // ---- request threads ----

    @Override
    public SessionState touch(Object key, SessionContext context, String userAgent, String ipAddress) {
        if (!(key instanceof SharedKey shared)) {
            return unshared.touch(key, context, userAgent, ipAddress);
        }
        while (true) {
            Local mine = local.get(key);
            if (mine != null && tracker.touchIfLive(mine.state)) {
                return mine.state;
            }
            String at = mine != null ? mine.sharedKey : at(shared);
            SharedSession there = read(at);
            Local next;
            if (there != null && !there.ended() && !there.lapsed(tracker.nowMillis(), idleMillis, maxMillis)) {
                if (mine != null && there.is(mine.state.sid()) && tracker.touch(mine.state)) {
                    return mine.state; // idle here, but active on other nodes meanwhile
                }
                SessionState resumed = tracker.resume(there.sid(), there.startedMillis(), there.errors(),
                        there.attributes());
                tracker.touch(resumed);
                next = new Local(resumed, at, there.lastSeenMillis(), there.generation());
            } else {
                // none, ended, or lapsed: a new one, claimed in the cache when it is announced
                SessionState fresh = tracker.create(context, userAgent, ipAddress);
                tracker.touch(fresh);
                next = new Local(fresh, at, 0, 0);
            }
            if (mine == null ? local.putIfAbsent(key, next) == null : local.replace(key, mine, next)) {
                keys.put(at, key);
                if (mine != null) {
                    drop(mine.state);
                }
                return next.state;
            } // another request of this client on this node got there first: use what it bound
        }
    }

    @Override
    public SessionState get(Object key) {
        if (!(key instanceof SharedKey)) {
            return unshared.get(key);
        }
        Local mine = local.get(key);
        return mine == null ? null : mine.state;
    }

    @Override
    public SessionState announce(Object key, SessionState state) {
        if (!(key instanceof SharedKey)) {
            return unshared.announce(key, state);
        }
        Local mine = local.get(key);
        if (state.announced() || mine == null || mine.state != state) {
            return mine == null ? state : mine.state; // announced already, or replaced before it was
        }
        long now = tracker.nowMillis();
        SharedOp.Result r = invoke(mine.sharedKey, SharedOp.start(SharedSession.of(state, now), now, idleMillis,
                maxMillis));
        if (r.ok()) {
            if (r.lapsed() != null) {
                endHere(r.lapsed()); // the key's previous session lapsed unnoticed: it ends here, once
            }
            mine.generation = r.entry().generation();
            tracker.announce(state, now); // no end, timed at the last activity in the cache, is older
            mine.written = state.lastSeenMillis();
            return state;
        }
        // another node announced a session for this key first (two first requests on two nodes): it wins
        SharedSession winner = r.entry();
        SessionState resumed = tracker.resume(winner.sid(), winner.startedMillis(), winner.errors(),
                winner.attributes());
        tracker.touch(resumed);
        Local next = new Local(resumed, mine.sharedKey, winner.lastSeenMillis(), winner.generation());
        if (local.replace(key, mine, next)) {
            state.discardUnannounced();
            return resumed;
        }
        Local bound = local.get(key);
        return bound == null ? state : bound.state;
    }

    @Override
    public void recordError(Object key, SessionState state, boolean handled) {
        if (!(key instanceof SharedKey)) {
            unshared.recordError(key, state, handled);
            return;
        }
        SessionState s = announce(key, state); // an error makes the session exist
        for (int attempt = 0; attempt < 2 && s != null; attempt++) {
            Local mine = local.get(key);
            if (mine == null || mine.state != s || !s.isOpen()) {
                return; // ended by this node meanwhile (a crash counts once per session)
            }
            SharedOp.Result r = invoke(mine.sharedKey, SharedOp.error(s.sid(), handled, tracker.nowMillis()));
            if (r.ok()) {
                if (handled) {
                    tracker.countError(s, r.entry().errors()); // it travels in the cache, and goes out with the end
                } else {
                    s.raiseErrors(r.entry().errors() - 1);
                    tracker.recordError(s, false); // ends it crashed here, and sends that
                }
                return;
            }
            // a stale copy: the session ended on another node; the error belongs to the key's session now
            if (forget(key, mine)) {
                drop(s);
            }
            s = touch(key, SessionContext.EMPTY, s.attributes().userAgent(), s.attributes().ipAddress());
            s = announce(key, s);
        }
    }

    @Override
    public void endNow(Object key, SessionState state, SessionStatus status) {
        if (!(key instanceof SharedKey)) {
            unshared.endNow(key, state, status);
            return;
        }
        SessionState s = state.announced() ? state : announce(key, state);
        endShared(at((SharedKey) key), s, status, tracker.nowMillis());
    }

    @Override
    public SessionState restart(Object key, SessionContext context, String userAgent, String ipAddress,
            Predicate<SessionState> needed) {
        if (!(key instanceof SharedKey shared)) {
            return unshared.restart(key, context, userAgent, ipAddress, needed);
        }
        while (true) {
            Local mine = local.get(key);
            SessionState current = mine == null ? null : mine.state;
            if (current != null && !needed.test(current)) {
                return current;
            }
            SessionState fresh = tracker.create(context, userAgent, ipAddress);
            String at = mine != null ? mine.sharedKey : at(shared);
            Local next = new Local(fresh, at, 0, 0);
            if (mine == null ? local.putIfAbsent(key, next) == null : local.replace(key, mine, next)) {
                if (current != null && !current.discardUnannounced() && current.isOpen()) {
                    endShared(at, current, SessionStatus.EXITED, tracker.nowMillis());
                }
                SessionState bound = announce(key, fresh);
                tracker.touch(bound);
                return bound;
            }
        }
    }

    /**
     * A session the integration found in a replicated HTTP session: the cache decides. It is bound
     * here if the cache holds it (or nothing live for the key: then it goes into the cache, without a
     * second start); if another session holds the key, that one is.
     */
    @Override
    public SessionState takeOver(Object key, SessionState resumed) {
        if (!(key instanceof SharedKey shared)) {
            return unshared.takeOver(key, resumed);
        }
        Local existing = local.get(key);
        if (existing != null) {
            return existing.state;
        }
        String at = at(shared);
        long now = tracker.nowMillis();
        SharedOp.Result r = invoke(at, SharedOp.start(SharedSession.of(resumed, resumed.lastSeenMillis()), now,
                idleMillis, maxMillis));
        SessionState bound = resumed;
        if (r.ok()) {
            if (r.lapsed() != null) {
                endHere(r.lapsed());
            }
        } else {
            SharedSession holder = r.entry();
            bound = tracker.resume(holder.sid(), holder.startedMillis(), holder.errors(), holder.attributes());
        }
        Local next = new Local(bound, at, bound.lastSeenMillis(), r.entry().generation());
        existing = local.putIfAbsent(key, next);
        if (existing != null) {
            return existing.state;
        }
        keys.put(at, key);
        tracker.touch(bound);
        return bound;
    }

    @Override
    public void end(Object key, SessionStatus status) {
        if (!(key instanceof SharedKey)) {
            unshared.end(key, status);
            return;
        }
        Local mine = local.remove(key);
        if (mine != null) {
            keys.remove(mine.sharedKey, key);
        }
        if (mine == null || !mine.state.isOpen() || mine.state.discardUnannounced()) {
            return;
        }
        endShared(mine.sharedKey, mine.state, status, mine.state.lastSeenMillis());
    }

    @Override
    public void forget(Object key) {
        if (key instanceof SharedKey) {
            Local mine = local.remove(key);
            if (mine != null) {
                keys.remove(mine.sharedKey, key);
            }
        } else {
            unshared.forget(key);
        }
    }

    @Override
    public List<SessionState> openSessions() {
        List<SessionState> out = new ArrayList<>(unshared.openSessions());
        for (Local l : local.values()) {
            if (l.state.isOpen()) {
                out.add(l.state);
            }
        }
        return out;
    }

    @Override
    public long openCount() {
        long open = unshared.openCount();
        for (Local l : local.values()) {
            if (l.state.isOpen()) {
                open++;
            }
        }
        return open;
    }

    // ---- sender thread ----

    /**
     * Every second: reports this node's activity (a heartbeat per session at most once per interval,
     * and the last activity of a copy that lapsed here), drops copies that lapsed here or turned out
     * stale, and once per heartbeat ends the sessions that lapsed for the whole cluster.
     */
    @Override
    public void sweep() {
        unshared.sweep();
        if (leaving) {
            return;
        }
        long now = tracker.nowMillis();
        for (Map.Entry<Object, Local> e : local.entrySet()) {
            Local l = e.getValue();
            SessionState s = l.state;
            if (!s.isOpen()) {
                forget(e.getKey(), l);
                continue;
            }
            boolean lapsedHere = tracker.isExpired(s, now);
            long seen = s.lastSeenMillis();
            if (s.announced() && (seen - l.written >= heartbeatMillis || (lapsedHere && seen > l.written))) {
                SharedOp.Result r = invoke(l.sharedKey, SharedOp.seen(s.sid(), seen));
                if (!r.ok()) {
                    if (forget(e.getKey(), l)) {
                        drop(s); // ended or replaced by another node
                    }
                    continue;
                }
                l.written = seen;
            }
            if (lapsedHere && forget(e.getKey(), l)) {
                drop(s); // the cluster decides its end: another node may still serve it
            }
        }
        long wall = System.currentTimeMillis();
        ownOps.values().removeIf(at -> wall - at > 10_000); // their events arrived long ago
        if (wall - lastMemberBeat >= 1_000) {
            beat();
        }
        if (now - lastClusterSweep >= heartbeatMillis || now < lastClusterSweep) {
            lastClusterSweep = now;
            endLapsedSessions(now);
        }
    }

    /**
     * Shutdown. A node that leaves while others stay ends nothing: its users go on on the other nodes
     * in the same sessions, which those nodes end. The last node ends every session still open, as
     * {@code exited} at its last activity.
     */
    @Override
    public void endAll() {
        leaving = true;
        unshared.endAll();
        for (Map.Entry<Object, Local> e : local.entrySet()) {
            Local l = e.getValue();
            SessionState s = l.state;
            if (s.isOpen() && s.announced() && s.lastSeenMillis() > l.written) {
                invoke(l.sharedKey, SharedOp.seen(s.sid(), s.lastSeenMillis()));
            }
        }
        cache.remove(member);
        boolean last = !othersAlive();
        if (last) {
            for (Cache.Entry<String, Object> e : cache) {
                if (e.getValue() instanceof SharedSession s && !s.ended()) {
                    SharedOp.Result r = invoke(e.getKey(), SharedOp.end(s.sid(), s.lastSeenMillis()));
                    if (r.ok()) {
                        endHere(r.entry());
                    }
                }
            }
        }
        for (Local l : local.values()) {
            drop(l.state);
        }
        local.clear();
        keys.clear();
        LOG.log(Level.DEBUG, last ? "sessionhealth: last node of the cluster: its open sessions ended"
                : "sessionhealth: other nodes continue this node's sessions");
    }

    // ---- both ----

    private void endLapsedSessions(long now) {
        long wall = System.currentTimeMillis();
        for (Cache.Entry<String, Object> e : cache) {
            Object v = e.getValue();
            if (v instanceof Long beat && e.getKey().startsWith(MEMBER) && wall - beat > memberTimeoutMillis) {
                cache.remove(e.getKey(), beat); // a node that was killed
            }
            if (!(v instanceof SharedSession s)) {
                continue;
            }
            if (!s.ended() && s.lapsed(now, idleMillis, maxMillis)) {
                SharedOp.Result r = invoke(e.getKey(), SharedOp.endIfLapsed(s.sid(), now, idleMillis, maxMillis));
                if (r.ok()) {
                    endHere(r.entry());
                }
            } else if (s.ended() && now - s.lastSeenMillis() >= idleMillis) {
                cache.remove(e.getKey(), s); // nothing will ask for it any more
            }
        }
    }

    /** Sends the end of a session whose end this node claimed in the cache (it is marked ended there). */
    private void endHere(SharedSession s) {
        SessionState state = tracker.resume(s.sid(), s.startedMillis(), s.errors(), s.attributes());
        tracker.endAt(state, SessionStatus.EXITED, s.lastSeenMillis());
    }

    /**
     * A change of a session entry, made by any node (events come in the order of the key's changes,
     * some time after them): a local copy that it makes stale is dropped, so this node's next request
     * of that user follows the cache. Stale: a newer generation holds the key, or its own generation
     * ended on another node.
     */
    void changed(String at, SharedSession now) {
        Object key = keys.get(at);
        Local l = key == null ? null : local.get(key);
        if (l == null || now == null || l.generation == 0 || !l.state.isOpen() || ownOps.containsKey(now.lastOp())) {
            return;
        }
        boolean stale = now.generation() > l.generation
                || (now.generation() == l.generation && now.ended() && now.is(l.state.sid()));
        if (stale && forget(key, l)) {
            drop(l.state);
        }
    }

    @Override
    public void close() {
        changes.close();
        if (owned != null) {
            owned.close();
        }
    }

    private boolean forget(Object key, Local l) {
        if (local.remove(key, l)) {
            keys.remove(l.sharedKey, key);
            return true;
        }
        return false;
    }

    /**
     * Ends {@code s} in the cache, last active at {@code atMillis} here, and sends its end, timed at
     * its last activity on any node; a copy whose session another node ended or replaced is dropped.
     */
    private void endShared(String at, SessionState s, SessionStatus status, long atMillis) {
        SharedOp.Result r = invoke(at, SharedOp.end(s.sid(), atMillis));
        if (!r.ok()) {
            drop(s);
            return;
        }
        s.raiseErrors(r.entry().errors());
        tracker.endAt(s, status, r.entry().lastSeenMillis());
    }

    /** Where {@code key}'s session entry is in the cache. */
    private static String at(SharedKey key) {
        return SESSION + key.sharedId();
    }

    /** A local copy this node stops using, sending nothing (another node ends it, or ended it). */
    private static void drop(SessionState s) {
        if (!s.discardUnannounced()) {
            s.retire();
        }
    }

    private SharedSession read(String at) {
        return cache.get(at) instanceof SharedSession s ? s : null;
    }

    private SharedOp.Result invoke(String at, SharedOp op) {
        ownOps.put(op.id(), System.currentTimeMillis());
        return cache.invoke(at, op);
    }

    private void beat() {
        lastMemberBeat = System.currentTimeMillis();
        cache.put(member, lastMemberBeat);
    }

    /**
     * Whether another node still runs: one whose liveness entry moves on. A live node rewrites its
     * entry every second, so this waits until one of the others did (about a second at most), or
     * {@link #LIVENESS_WAIT_MILLIS} passed: a node killed with -9 leaves an entry that never moves.
     */
    private boolean othersAlive() {
        Map<String, Long> before = otherBeats();
        long deadline = System.nanoTime() + LIVENESS_WAIT_MILLIS * 1_000_000;
        while (!before.isEmpty() && System.nanoTime() - deadline < 0) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return true; // cannot tell: leave the sessions to the others rather than end them twice
            }
            for (Map.Entry<String, Long> now : otherBeats().entrySet()) {
                Long then = before.get(now.getKey());
                if (then == null || now.getValue() > then) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The liveness entries of the other nodes: when each last wrote it (its wall clock). */
    private Map<String, Long> otherBeats() {
        Map<String, Long> out = new java.util.HashMap<>();
        for (Cache.Entry<String, Object> e : cache) {
            if (e.getKey().startsWith(MEMBER) && !e.getKey().equals(member) && e.getValue() instanceof Long beat) {
                out.put(e.getKey(), beat);
            }
        }
        return out;
    }
}
