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
 *
 * <p>Every cache call is bounded ({@link GridCalls}). When one does not answer in time or fails, the
 * node goes offline and says so once: it makes no cache call on a request thread any more, serves the
 * sessions it has copies of from them, and keeps the sessions it starts meanwhile to itself ({@link
 * #alone}: announced and ended here, never in the cache). The changes of shared sessions it could not
 * write (a start, an error, an end) wait in {@link #pending}, in order, and the sender thread writes
 * them once the cache answers again, repeating an operation whose outcome it did not learn under the
 * same id, so that it is done once: only then is the start or end it decides sent.
 */
final class JCacheSessionStore implements SessionStore {

    private static final Logger LOG = System.getLogger("dev.sessionhealth");
    private static final String SESSION = "s:";
    private static final String MEMBER = "m:";
    /** A node's starts and ends on their way to the ingest, not yet noted in their entries ({@link #outgoing}). */
    private static final String OUTGOING = "o:";

    private final Cache<String, Object> cache;
    private final SessionTracker tracker;
    private final SessionRegistry unshared;
    /** Sessions of shared keys that this node started while offline, and keeps to itself until they end. */
    private final SessionRegistry alone;
    private final GridCalls grid;
    /** The cache did not answer: no cache call from request threads until the sender thread finds it back. */
    private volatile boolean offline;
    /** When the node went offline (wall clock), for the message when it is back. */
    private volatile long offlineSince;
    /** Changes of shared sessions to write when the cache answers again, in order; guarded by itself. */
    private final java.util.ArrayDeque<Pending> pending = new java.util.ArrayDeque<>();
    /** A session's start ({@code end} false) or end that this node sends. */
    private record Sending(UUID sid, boolean end) {
    }

    /** The starts this node announced and the ends it claimed that its sender has not settled yet: to their entry. */
    private final ConcurrentHashMap<Sending, String> unsettled = new ConcurrentHashMap<>();
    /** Settled starts and ends to note in the cache, by the sender thread. */
    private final ConcurrentHashMap<Sending, String> toNote = new ConcurrentHashMap<>();
    /**
     * This node's starts and ends that went out to the ingest (their answer may still be awaited) and
     * are not noted in their entries yet: to their entry. Mirrored in the cache under {@link
     * #outgoingKey}, so that a node killed right after sending them does not have them sent again by
     * the node that takes its sessions over: that node first notes them in the entries ({@link
     * #settleOutgoingOf}), and takes a node for gone only once that is done.
     */
    private final ConcurrentHashMap<Sending, String> outgoing = new ConcurrentHashMap<>();
    /** {@link #outgoing} could not be written to the cache (offline): the sweep writes it once back. */
    private volatile boolean outgoingStale;
    /** The last write of {@link #outgoing} did not answer in time (it may still land). */
    private volatile boolean outgoingUnanswered;
    /** Silent nodes whose outgoing entry the sender thread is to note in their sessions' entries. */
    private final java.util.Set<String> silentWithOutgoing = ConcurrentHashMap.newKeySet();
    /**
     * A node whose liveness entry has not moved for this long is gone: the starts and ends it had not
     * sent are sent by another node. A node cut off from the cache writes no liveness either, though
     * its sender may still reach the ingest: this is well above the outages to be expected, and a
     * node judges nobody until it has been on the cache itself for as long (after an outage of the
     * grid, every node's entry is old).
     */
    static final long NODE_SILENT_MILLIS = 30_000;
    /** When this node was last found on the cache (its start, or its return from an outage). */
    private volatile long onlineSince = System.currentTimeMillis();

    /** A cache operation to (re)do, and what to do with its answer. */
    private record Pending(String at, SharedOp op, java.util.function.Consumer<SharedOp.Result> then) {
    }
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
    private final String outgoingKey = outgoingKeyOf(member);
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
        /** Its start waits in {@link #pending}: its other changes wait behind it. */
        volatile boolean deferred;

        Local(SessionState state, String sharedKey, long written, long generation) {
            this.state = state;
            this.sharedKey = sharedKey;
            this.written = written;
            this.generation = generation;
        }
    }

    /** The cache manager to close with the store ({@code null}: the application's, left open). */
    private final javax.cache.CacheManager owned;

    JCacheSessionStore(Cache<String, Object> cache, SessionTracker tracker, long heartbeatMillis, long timeoutMillis,
            javax.cache.CacheManager owned) {
        this.owned = owned;
        this.cache = cache;
        this.tracker = tracker;
        this.unshared = new SessionRegistry(tracker);
        this.alone = new SessionRegistry(tracker);
        this.grid = new GridCalls(timeoutMillis);
        this.heartbeatMillis = heartbeatMillis;
        this.memberTimeoutMillis = Math.max(60_000, 3 * heartbeatMillis);
        this.idleMillis = tracker.options().sessionTimeout().toMillis() + heartbeatMillis;
        this.maxMillis = tracker.options().maxSessionDuration().toMillis();
        this.changes = ChangeListener.register(cache, this);
        beat();
        // the first entry processor a client sends is slow (classes loaded and serialized on both sides):
        // sent now, at start, it does not count against the first request's bound
        cache.invoke(member, SharedOp.seen(new UUID(0, 0), 0));
    }

    // ---- request threads ----

    @Override
    public SessionState touch(Object key, SessionContext context, String userAgent, String ipAddress) {
        if (!(key instanceof SharedKey shared)) {
            return unshared.touch(key, context, userAgent, ipAddress);
        }
        SessionState own = alone.get(key);
        if (own != null) {
            if (offline) {
                return alone.touch(key, context, userAgent, ipAddress);
            }
            if (tracker.touchIfLive(own)) {
                return own;
            }
            alone.end(key, SessionStatus.EXITED); // it lapsed here: the key's next session is the cluster's
        }
        while (true) {
            Local mine = local.get(key);
            if (mine != null && tracker.touchIfLive(mine.state)) {
                return mine.state;
            }
            if (offline) {
                return keepToItself(key, mine, context, userAgent, ipAddress);
            }
            String at = mine != null ? mine.sharedKey : at(shared);
            SharedSession there;
            try {
                there = read(at);
            } catch (GridCalls.Unanswered e) {
                wentOffline(e);
                return keepToItself(key, mine, context, userAgent, ipAddress);
            }
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
                    drop(mine);
                }
                return next.state;
            } // another request of this client on this node got there first: use what it bound
        }
    }

    /**
     * Offline, and no live copy for {@code key}: a session of this node's own (announced and ended
     * here, never in the cache). A copy that lapsed here is left to the cluster, as always.
     */
    private SessionState keepToItself(Object key, Local mine, SessionContext context, String userAgent,
            String ipAddress) {
        if (mine != null && forget(key, mine)) {
            drop(mine);
        }
        return alone.touch(key, context, userAgent, ipAddress);
    }

    @Override
    public SessionState get(Object key) {
        if (!(key instanceof SharedKey)) {
            return unshared.get(key);
        }
        SessionState own = alone.get(key);
        if (own != null) {
            return own;
        }
        Local mine = local.get(key);
        return mine == null ? null : mine.state;
    }

    @Override
    public SessionState announce(Object key, SessionState state) {
        if (!(key instanceof SharedKey) || alone.get(key) == state) {
            return (key instanceof SharedKey ? alone : unshared).announce(key, state);
        }
        Local mine = local.get(key);
        if (state.announced() || mine == null || mine.state != state || mine.deferred) {
            return mine == null ? state : mine.state; // announced already, replaced before it was, or waiting
        }
        long now = tracker.nowMillis();
        SharedOp op = SharedOp.start(SharedSession.of(state, now, member, false), now, idleMillis, maxMillis);
        SharedOp.Result r = invoke(mine, mine.sharedKey, op, answer -> started(key, mine, state, now, answer));
        return r == null ? state : started(key, mine, state, now, r);
    }

    /** The answer to the start of {@code state}, the session of {@code mine}: announced, or another node's won. */
    private SessionState started(Object key, Local mine, SessionState state, long now, SharedOp.Result r) {
        mine.deferred = false;
        if (r.ok()) {
            if (r.lapsed() != null) {
                endHere(mine.sharedKey, r.lapsed()); // the key's previous session lapsed unnoticed: it ends here, once
            }
            if (r.entry() != null) {
                mine.generation = r.entry().generation();
            }
            unsettled.put(new Sending(state.sid(), false), mine.sharedKey);
            tracker.announce(state, now); // no end, timed at the last activity in the cache, is older
            mine.written = Math.max(mine.written, now);
            return state;
        }
        // another node announced a session for this key first (two first requests on two nodes): it wins
        state.discardUnannounced();
        SharedSession winner = r.entry();
        SessionState resumed = tracker.resume(winner.sid(), winner.startedMillis(), winner.errors(),
                winner.attributes());
        tracker.touch(resumed);
        Local next = new Local(resumed, mine.sharedKey, winner.lastSeenMillis(), winner.generation());
        if (local.replace(key, mine, next)) {
            return resumed;
        }
        Local bound = local.get(key);
        return bound == null ? state : bound.state;
    }

    @Override
    public void recordError(Object key, SessionState state, boolean handled) {
        if (!(key instanceof SharedKey) || alone.get(key) == state) {
            (key instanceof SharedKey ? alone : unshared).recordError(key, state, handled);
            return;
        }
        SessionState s = announce(key, state); // an error makes the session exist
        for (int attempt = 0; attempt < 2 && s != null; attempt++) {
            Local mine = local.get(key);
            if (mine == null || mine.state != s || !s.isOpen()) {
                return; // ended by this node meanwhile (a crash counts once per session)
            }
            if (!handled) {
                forget(key, mine); // crashed: the user's next request starts a new session, whenever this one's end is written
            }
            SharedOp op = SharedOp.error(s.sid(), handled, tracker.nowMillis()).status(tracker.crashStatus().name());
            SessionState erred = s;
            Local copy = mine;
            SharedOp.Result r = invoke(mine, mine.sharedKey, op,
                    answer -> errorRecorded(copy.sharedKey, copy, erred, handled, answer));
            if (r == null || errorRecorded(mine.sharedKey, mine, s, handled, r)) {
                return; // written later, or done
            }
            // a stale copy: the session ended on another node; the error belongs to the key's session now
            if (forget(key, mine)) {
                drop(mine);
            }
            s = touch(key, SessionContext.EMPTY, s.attributes().userAgent(), s.attributes().ipAddress());
            s = announce(key, s);
            if (alone.get(key) == s) {
                alone.recordError(key, s, handled); // the cache stopped answering meanwhile
                return;
            }
        }
    }

    /** The answer to an error of {@code s}: counted (and for a crash, the end sent), or false if {@code s} was stale. */
    private boolean errorRecorded(String at, Local mine, SessionState s, boolean handled, SharedOp.Result r) {
        if (!r.ok() && r.entry() == null && s.announced() && s.isOpen()) {
            // the cache lost the session (a grid that restarted empty): this node knows it, and goes on with it
            if (!handled) {
                tracker.countError(s, s.errors() + 1);
                claimEnd(at, s, tracker.crashStatus());
                return true;
            }
            if (!putBack(mine)) {
                return true;
            }
            try {
                r = call(at, SharedOp.error(s.sid(), true, tracker.nowMillis()));
            } catch (GridCalls.Unanswered e) {
                wentOffline(e);
                tracker.countError(s, s.errors() + 1); // goes out with the end if this copy ends it
                return true;
            }
        }
        if (!r.ok()) {
            drop(s);
            return false;
        }
        SharedSession e = r.entry();
        int errors = e == null ? s.errors() + 1 : e.errors();
        if (!handled) {
            tracker.countError(s, errors);
            sendEnd(at, s, tracker.crashStatus(), e == null ? s.lastSeenMillis() : e.lastSeenMillis(), e);
            return true;
        }
        tracker.countError(s, errors); // it travels in the cache, and goes out with the end
        return true;
    }

    @Override
    public void endNow(Object key, SessionState state, SessionStatus status) {
        if (!(key instanceof SharedKey) || alone.get(key) == state) {
            (key instanceof SharedKey ? alone : unshared).endNow(key, state, status);
            return;
        }
        SessionState s = state.announced() ? state : announce(key, state);
        Local mine = local.get(key);
        if (mine != null && mine.state == s) {
            endShared(key, mine, s, status, tracker.nowMillis());
        } else {
            endShared(key, new Local(s, at((SharedKey) key), 0, 0), s, status, tracker.nowMillis());
        }
    }

    @Override
    public SessionState restart(Object key, SessionContext context, String userAgent, String ipAddress,
            Predicate<SessionState> needed) {
        if (!(key instanceof SharedKey shared)) {
            return unshared.restart(key, context, userAgent, ipAddress, needed);
        }
        SessionState own = alone.get(key);
        if (own != null) {
            if (offline || !needed.test(own)) {
                return alone.restart(key, context, userAgent, ipAddress, needed);
            }
            alone.end(key, SessionStatus.EXITED); // its successor is the cluster's
        }
        while (true) {
            Local mine = local.get(key);
            SessionState current = mine == null ? null : mine.state;
            if (current != null && !needed.test(current)) {
                return current;
            }
            if (offline) {
                if (mine != null && forget(key, mine) && current.isOpen()
                        && (mine.deferred || !current.discardUnannounced())) {
                    endShared(key, mine, current, SessionStatus.EXITED, tracker.nowMillis());
                }
                return alone.restart(key, context, userAgent, ipAddress, needed);
            }
            SessionState fresh = tracker.create(context, userAgent, ipAddress);
            String at = mine != null ? mine.sharedKey : at(shared);
            Local next = new Local(fresh, at, 0, 0);
            if (mine == null ? local.putIfAbsent(key, next) == null : local.replace(key, mine, next)) {
                keys.put(at, key);
                if (current != null && current.isOpen() && (mine.deferred || !current.discardUnannounced())) {
                    endShared(key, mine, current, SessionStatus.EXITED, tracker.nowMillis());
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
     * second start); if another session holds the key, that one is. Offline, it is bound here and
     * written to the cache when the cache answers again.
     */
    @Override
    public SessionState takeOver(Object key, SessionState resumed) {
        if (!(key instanceof SharedKey shared)) {
            return unshared.takeOver(key, resumed);
        }
        SessionState own = alone.get(key);
        if (own != null) {
            return own;
        }
        Local existing = local.get(key);
        if (existing != null) {
            return existing.state;
        }
        String at = at(shared);
        Local next = new Local(resumed, at, resumed.lastSeenMillis(), 0);
        existing = local.putIfAbsent(key, next);
        if (existing != null) {
            return existing.state;
        }
        keys.put(at, key);
        tracker.touch(resumed);
        long now = tracker.nowMillis();
        SharedOp op = SharedOp.start(SharedSession.of(resumed, resumed.lastSeenMillis(), null, true), now, idleMillis,
                maxMillis);
        SharedOp.Result r = invoke(next, at, op, answer -> takenOver(key, next, answer));
        return r == null ? resumed : takenOver(key, next, r);
    }

    /** The answer to the take-over of {@code mine}'s session: bound, or the key's holder bound instead. */
    private SessionState takenOver(Object key, Local mine, SharedOp.Result r) {
        mine.deferred = false;
        if (r.ok()) {
            if (r.lapsed() != null) {
                endHere(mine.sharedKey, r.lapsed());
            }
            if (r.entry() != null) {
                mine.generation = r.entry().generation();
            }
            return mine.state;
        }
        SharedSession holder = r.entry();
        SessionState bound = tracker.resume(holder.sid(), holder.startedMillis(), holder.errors(), holder.attributes());
        tracker.touch(bound);
        Local next = new Local(bound, mine.sharedKey, holder.lastSeenMillis(), holder.generation());
        if (local.replace(key, mine, next)) {
            drop(mine);
            return bound;
        }
        Local now = local.get(key);
        return now == null ? bound : now.state;
    }

    @Override
    public void end(Object key, SessionStatus status) {
        if (!(key instanceof SharedKey)) {
            unshared.end(key, status);
            return;
        }
        if (alone.get(key) != null) {
            alone.end(key, status);
        }
        Local mine = local.remove(key);
        if (mine != null) {
            keys.remove(mine.sharedKey, key);
        }
        if (mine == null || !mine.state.isOpen() || (!mine.deferred && mine.state.discardUnannounced())) {
            return;
        }
        endShared(key, mine, mine.state, status, mine.state.lastSeenMillis());
    }

    @Override
    public void forget(Object key) {
        if (key instanceof SharedKey) {
            alone.forget(key);
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
        out.addAll(alone.openSessions());
        for (Local l : local.values()) {
            if (l.state.isOpen()) {
                out.add(l.state);
            }
        }
        return out;
    }

    @Override
    public long openCount() {
        long open = unshared.openCount() + alone.openCount();
        for (Local l : local.values()) {
            if (l.state.isOpen()) {
                open++;
            }
        }
        return open;
    }

    // ---- sender thread ----

    @Override
    public void settled(List<dev.sessionhealth.internal.session.SessionUpdate> updates) {
        for (dev.sessionhealth.internal.session.SessionUpdate u : updates) {
            UUID sid = u.state().sid();
            if (u.init()) {
                settle(new Sending(sid, false));
            }
            if (u.status() != SessionStatus.OK) {
                settle(new Sending(sid, true));
            }
        }
    }

    private void settle(Sending s) {
        String at = unsettled.remove(s);
        if (at != null) {
            toNote.put(s, at);
        }
    }

    @Override
    public void wentOut(List<dev.sessionhealth.internal.session.SessionUpdate> updates) {
        boolean added = false;
        for (dev.sessionhealth.internal.session.SessionUpdate u : updates) {
            for (Sending s : sendings(u)) {
                String at = unsettled.get(s);
                if (at != null && outgoing.put(s, at) == null) {
                    added = true;
                }
            }
        }
        if (added) {
            writeOutgoing();
        }
    }

    @Override
    public void kept(List<dev.sessionhealth.internal.session.SessionUpdate> updates) {
        boolean removed = false;
        for (dev.sessionhealth.internal.session.SessionUpdate u : updates) {
            for (Sending s : sendings(u)) {
                removed |= outgoing.remove(s) != null;
            }
        }
        if (removed) {
            writeOutgoing();
        }
    }

    /** The start ({@code init}) and the end that {@code u} carries. */
    private static List<Sending> sendings(dev.sessionhealth.internal.session.SessionUpdate u) {
        UUID sid = u.state().sid();
        boolean end = u.status() != SessionStatus.OK;
        return u.init() ? (end ? List.of(new Sending(sid, false), new Sending(sid, true)) : List.of(new Sending(sid, false)))
                : (end ? List.of(new Sending(sid, true)) : List.of());
    }

    /**
     * Writes {@link #outgoing} to the cache (removes its entry when it is empty). Offline, or when the
     * cache does not answer, the entry stays as it was and the sweep writes it once the cache answers.
     */
    private void writeOutgoing() {
        if (offline) {
            outgoingStale = true;
            return;
        }
        ArrayList<String> items = new ArrayList<>(outgoing.size());
        outgoing.forEach((s, at) -> items.add((s.end() ? "e" : "s") + s.sid() + at));
        // a write that timed out may still land after this one: then the next pass writes it again
        outgoingStale = outgoingUnanswered;
        try {
            grid.call(() -> {
                if (items.isEmpty()) {
                    cache.remove(outgoingKey);
                } else {
                    cache.put(outgoingKey, items);
                }
                return null;
            });
            outgoingUnanswered = false;
        } catch (GridCalls.Unanswered e) {
            outgoingStale = true;
            outgoingUnanswered = true;
        }
    }

    /** Notes in the cache the starts and ends this node settled, so that nobody sends them again. */
    private void noteSettled() throws GridCalls.Unanswered {
        boolean noted = false;
        for (Map.Entry<Sending, String> e : toNote.entrySet()) {
            Sending s = e.getKey();
            call(e.getValue(), s.end() ? SharedOp.endSent(s.sid()) : SharedOp.startSent(s.sid()));
            toNote.remove(s, e.getValue());
            noted |= outgoing.remove(s) != null;
        }
        if (noted || outgoingStale) {
            writeOutgoing();
        }
    }

    /** Settles the outgoing entries, among {@code entries} (as read), of the nodes silent at {@code wall}. */
    private void settleOutgoingOfSilentNodes(Map<String, Object> entries, long wall) throws GridCalls.Unanswered {
        for (Map.Entry<String, Object> e : entries.entrySet()) {
            if (e.getValue() instanceof List<?> items && e.getKey().startsWith(OUTGOING) && !e.getKey().equals(outgoingKey)) {
                String node = MEMBER + e.getKey().substring(OUTGOING.length());
                if (silent(node, entries.get(node), wall)) {
                    settleOutgoingOf(node, e.getKey(), items);
                }
            }
        }
    }

    /** The cache's entries whose key {@code keys} accepts, read in one call bounded as a sweep is. */
    private Map<String, Object> entries(java.util.function.Predicate<String> keys) throws GridCalls.Unanswered {
        return grid.call(() -> {
            Map<String, Object> found = new java.util.HashMap<>();
            for (Cache.Entry<String, Object> e : cache) {
                if (keys.test(e.getKey())) {
                    found.put(e.getKey(), e.getValue());
                }
            }
            return found;
        }, sweepBoundMillis());
    }

    private static String outgoingKeyOf(String node) {
        return OUTGOING + node.substring(MEMBER.length());
    }

    /**
     * The node {@code node} is silent for good, and left starts and ends on their way to the ingest
     * ({@code items}, its {@link #outgoing}): they are taken as delivered (the ingest may have counted
     * them) and noted in their entries as that node would have, so that nobody sends them again. Only
     * then is its entry removed, and the node taken for gone ({@link #starterGone}). Sender thread: for
     * the nodes {@link #starterGone} found silent, and, in the cluster sweep, for any other.
     */
    private void settleOutgoingOf(String node, String key, List<?> items) throws GridCalls.Unanswered {
        for (Object item : items) {
            if (item instanceof String i && i.length() > 37) {
                UUID sid = UUID.fromString(i.substring(1, 37));
                call(i.substring(37), i.charAt(0) == 'e' ? SharedOp.endSent(sid) : SharedOp.startSent(sid));
            }
        }
        grid.call(() -> cache.remove(key, items));
        silences.remove(node);
    }

    /**
     * Every second: reports this node's activity (a heartbeat per session at most once per interval,
     * and the last activity of a copy that lapsed here), drops copies that lapsed here or turned out
     * stale, and once per heartbeat ends the sessions that lapsed for the whole cluster. Offline, it
     * first asks whether the cache answers again and writes what waited.
     */
    @Override
    public void sweep() {
        unshared.sweep();
        alone.sweep();
        if (leaving || (offline && !reconnect())) {
            return;
        }
        try {
            sweepShared();
        } catch (GridCalls.Unanswered e) {
            wentOffline(e);
        }
    }

    private void sweepShared() throws GridCalls.Unanswered {
        noteSettled(); // and writes the outgoing entry, if it could not be written before
        for (String node : silentWithOutgoing) {
            String key = outgoingKeyOf(node);
            Object beat = grid.call(() -> cache.get(node));
            if (silent(node, beat, System.currentTimeMillis()) && grid.call(() -> cache.get(key)) instanceof List<?> items) {
                settleOutgoingOf(node, key, items); // still silent: not a node that paused and came back
            }
            silences.remove(node);
            silentWithOutgoing.remove(node);
        }
        releaseHeldEnds(false);
        long now = tracker.nowMillis();
        for (Map.Entry<Object, Local> e : local.entrySet()) {
            Local l = e.getValue();
            SessionState s = l.state;
            if (l.deferred) {
                continue;
            }
            if (!s.isOpen()) {
                forget(e.getKey(), l);
                continue;
            }
            boolean lapsedHere = tracker.isExpired(s, now);
            long seen = s.lastSeenMillis();
            if (s.announced() && (seen - l.written >= heartbeatMillis || (lapsedHere && seen > l.written))) {
                SharedOp.Result r = call(l.sharedKey, SharedOp.seen(s.sid(), seen));
                if (!r.ok() && r.entry() == null && putBack(l)) {
                    r = call(l.sharedKey, SharedOp.seen(s.sid(), seen)); // the cache had lost it: it has it again
                }
                if (!r.ok()) {
                    if (forget(e.getKey(), l)) {
                        drop(l); // ended or replaced by another node
                    }
                    continue;
                }
                l.written = seen;
            }
            if (lapsedHere && forget(e.getKey(), l)) {
                drop(l); // the cluster decides its end: another node may still serve it
            }
        }
        long wall = System.currentTimeMillis();
        ownOps.values().removeIf(at -> wall - at > 10_000); // their events arrived long ago
        if (wall - lastMemberBeat >= 1_000) {
            lastMemberBeat = wall;
            grid.call(() -> {
                cache.put(member, wall);
                return null;
            });
        }
        if (now - lastClusterSweep >= heartbeatMillis || now < lastClusterSweep) {
            lastClusterSweep = now;
            endLapsedSessions(now);
        }
    }

    /**
     * Offline: whether the cache answers again, with every change that waited written. The node is
     * online again only then, so that no request thread's change overtakes one that waited.
     */
    private boolean reconnect() {
        try {
            grid.call(() -> cache.containsKey(member));
            int written = 0;
            int restored = 0;
            boolean restoring = true;
            while (true) {
                Pending p;
                synchronized (pending) {
                    p = pending.peek();
                    if (p == null && !restoring) {
                        offline = false;
                        onlineSince = System.currentTimeMillis();
                        break;
                    }
                }
                if (p == null) {
                    restored = restoreLost(); // still offline: no request thread writes meanwhile
                    restoring = false;
                    continue;
                }
                SharedOp.Result r = call(p.at(), p.op());
                synchronized (pending) {
                    pending.poll();
                }
                p.then().accept(r);
                written++;
            }
            long seconds = (System.currentTimeMillis() - offlineSince) / 1000;
            LOG.log(Level.INFO, "sessionhealth: the session cache answers again after about {0} s; {1} change(s)"
                    + " of shared sessions made meanwhile are written{2}. Sessions this node started meanwhile stay"
                    + " on it until they end", seconds, written,
                    restored == 0 ? "" : "; it had lost " + restored + " session(s) this node serves, which are back in it");
            return true;
        } catch (GridCalls.Unanswered e) {
            return false;
        }
    }

    /**
     * After an outage: the sessions this node has copies of that the cache no longer has (a grid that
     * restarted empty) are put back, so that they end once, wherever their users go on.
     *
     * @return how many were missing
     */
    private int restoreLost() throws GridCalls.Unanswered {
        Map<String, Local> copies = new java.util.HashMap<>();
        for (Local l : local.values()) {
            if (!l.deferred && l.state.isOpen() && l.state.announced()) {
                copies.put(l.sharedKey, l);
            }
        }
        if (copies.isEmpty()) {
            return 0;
        }
        Map<String, Object> present = grid.call(() -> cache.getAll(copies.keySet()), sweepBoundMillis());
        int lost = 0;
        for (Map.Entry<String, Local> c : copies.entrySet()) {
            if (!(present.get(c.getKey()) instanceof SharedSession)) {
                lost++;
                Local l = c.getValue();
                if (!putBack(l)) {
                    Object key = keys.get(c.getKey());
                    if (key != null) {
                        forget(key, l);
                    }
                }
            }
        }
        return lost;
    }

    /**
     * Shutdown. A node that leaves while others stay ends nothing: its users go on on the other nodes
     * in the same sessions, which those nodes end. The last node ends every session still open, as
     * {@code exited} at its last activity. Sessions it kept to itself, it ends.
     */
    @Override
    public void endAll() {
        leaving = true;
        unshared.endAll();
        alone.endAll();
        if (offline && !reconnect()) {
            int waiting;
            synchronized (pending) {
                waiting = pending.size();
            }
            LOG.log(Level.WARNING, "sessionhealth: the session cache does not answer at shutdown: the {0} shared session(s)"
                    + " this node serves are left to the other nodes or to the next start, which end them when they"
                    + " lapse; {1} change(s) not written (an error not counted, a crash ending as exited)",
                    local.size(), waiting);
        } else {
            try {
                leaveCluster();
            } catch (GridCalls.Unanswered e) {
                LOG.log(Level.WARNING, "sessionhealth: the session cache stopped answering during shutdown ({0}):"
                        + " the sessions it holds end when they lapse on another node or after the next start",
                        e.getMessage());
            }
        }
        try {
            releaseHeldEnds(true); // a starter still alive sends its start itself; a gone one's goes with the end
        } catch (GridCalls.Unanswered e) {
            // a held end's own reads do not throw when releasing all; the starter's liveness is read there
        }
        for (Local l : local.values()) {
            if (!l.deferred) {
                drop(l);
            }
        }
        local.clear();
        keys.clear();
    }

    private void leaveCluster() throws GridCalls.Unanswered {
        // the starts and ends this node has not sent yet go out with its last flush (or wait in its outbox): its own
        toNote.putAll(unsettled);
        unsettled.clear();
        noteSettled();
        for (Map.Entry<Object, Local> e : local.entrySet()) {
            Local l = e.getValue();
            SessionState s = l.state;
            if (s.isOpen() && s.announced() && !l.deferred && s.lastSeenMillis() > l.written) {
                call(l.sharedKey, SharedOp.seen(s.sid(), s.lastSeenMillis()));
            }
        }
        long left = System.currentTimeMillis();
        grid.call(() -> {
            cache.put(member, -left); // left, not gone: what it started or ended, it sent (or keeps to send)
            return null;
        });
        boolean last = !othersAlive();
        if (last) {
            // what a killed node had on its way is not sent again below: settled before the sessions are read
            settleOutgoingOfSilentNodes(entries(key -> key.startsWith(OUTGOING) || key.startsWith(MEMBER)),
                    System.currentTimeMillis());
            silences.clear(); // settled: every node's silence is judged anew from here
            for (Map.Entry<String, Object> e : entries(key -> key.startsWith(SESSION)).entrySet()) {
                if (!(e.getValue() instanceof SharedSession s)) {
                    continue;
                }
                resendOrphanedEnds(e.getKey(), s);
                if (!s.ended()) {
                    SharedOp.Result r = call(e.getKey(), SharedOp.end(s.sid(), s.lastSeenMillis()));
                    if (r.ok()) {
                        endHere(e.getKey(), r.entry() == null ? s : r.entry());
                    }
                }
            }
        }
        LOG.log(Level.DEBUG, last ? "sessionhealth: last node of the cluster: its open sessions ended"
                : "sessionhealth: other nodes continue this node's sessions");
    }

    // ---- both ----

    private void endLapsedSessions(long now) throws GridCalls.Unanswered {
        long wall = System.currentTimeMillis();
        Map<String, Object> entries = entries(key -> true);
        settleOutgoingOfSilentNodes(entries, wall);
        for (Map.Entry<String, Object> e : entries.entrySet()) {
            Object v = e.getValue();
            if (v instanceof Long beat && e.getKey().startsWith(MEMBER) && wall - Math.abs(beat) > memberTimeoutMillis) {
                grid.call(() -> cache.remove(e.getKey(), beat)); // a node that was killed
            }
            if (!(v instanceof SharedSession s)) {
                continue;
            }
            resendOrphanedEnds(e.getKey(), s);
            if (!s.ended() && s.lapsed(now, idleMillis, maxMillis)) {
                SharedOp op = SharedOp.endIfLapsed(s.sid(), now, idleMillis, maxMillis);
                java.util.function.Consumer<SharedOp.Result> then = r -> {
                    if (r.ok()) {
                        endHere(e.getKey(), r.entry() == null ? s : r.entry());
                    }
                };
                SharedOp.Result r = invoke(null, e.getKey(), op, then);
                if (r == null) {
                    return; // offline now: the rest waits for the next sweep
                }
                then.accept(r);
            } else if (s.ended() && (s.endSent() || s.ender() == null) && now - s.lastSeenMillis() >= idleMillis) {
                grid.call(() -> cache.remove(e.getKey(), s)); // nothing will ask for it any more
            }
        }
    }

    /**
     * Sends the ends that a node claimed in the entry {@code at} ({@code s} or its previous session)
     * and never sent, because it is gone (killed before its sender sent them): one node takes each over.
     */
    private void resendOrphanedEnds(String at, SharedSession s) throws GridCalls.Unanswered {
        for (SharedSession ended : new SharedSession[] {s, s.previous()}) {
            if (ended == null || !ended.ended() || ended.endSent() || ended.ender() == null
                    || ended.ender().equals(member) || !starterGone(ended.ender())) {
                continue;
            }
            SharedOp.Result r = call(at, SharedOp.resendEnd(ended.sid(), ended.ender()));
            if (r.ok() && r.entry() != null) {
                SharedSession e = r.entry();
                SessionStatus status = e.endStatus() == null ? SessionStatus.EXITED : SessionStatus.valueOf(e.endStatus());
                sendEnd(at, tracker.resume(e.sid(), e.startedMillis(), e.errors(), e.attributes()), status,
                        e.lastSeenMillis(), e);
            }
        }
    }

    /** How long the sender thread waits for one pass over the cache: it may hold many sessions. */
    private long sweepBoundMillis() {
        return Math.max(10_000, grid.timeoutMillis());
    }

    /** Sends the end of a session whose end this node claimed in the cache (it is marked ended there). */
    private void endHere(String at, SharedSession s) {
        sendEnd(at, tracker.resume(s.sid(), s.startedMillis(), s.errors(), s.attributes()), SessionStatus.EXITED,
                s.lastSeenMillis(), s);
    }

    /**
     * Sends the end of {@code s}, which this node claimed in the cache ({@code entry}: the session as
     * the cache has it, or {@code null}). If its start was not sent yet by another node, the end waits
     * ({@link #heldEnds}) and the sender thread sends it once that start is sent, so that it never
     * reaches the ingest alone, or with the start if that node is gone (killed before its sender sent it).
     */
    private void sendEnd(String at, SessionState s, SessionStatus status, long atMillis, SharedSession entry) {
        if (entry != null && startUnsentElsewhere(entry)) {
            // the sender thread decides (releaseHeldEnds): no cache read on a request thread for it
            heldEnds.add(new HeldEnd(at, s, status, atMillis, entry.starter()));
            return;
        }
        unsettled.put(new Sending(s.sid(), true), at);
        tracker.endAt(s, status, atMillis);
    }

    /** An end that waits until the start of its session is sent by the node that started it. */
    private record HeldEnd(String at, SessionState s, SessionStatus status, long atMillis, String starter) {
    }

    /** Ends claimed here whose start another node has not sent yet; the sender thread sends them when it has. */
    private final java.util.concurrent.ConcurrentLinkedQueue<HeldEnd> heldEnds =
            new java.util.concurrent.ConcurrentLinkedQueue<>();

    /** Sends the held ends whose start is sent now, or whose starter is gone (with the start); {@code all}: every one. */
    private void releaseHeldEnds(boolean all) throws GridCalls.Unanswered {
        for (java.util.Iterator<HeldEnd> it = heldEnds.iterator(); it.hasNext(); ) {
            HeldEnd h = it.next();
            boolean gone = starterGone(h.starter());
            // a gone node's entries say what it sent, or had on its way (noted before it counts as gone);
            // releasing all (shutdown), a cache that does not answer leaves the start to the end, as before
            boolean sent = !all ? startSent(read(h.at()), h.s().sid())
                    : gone && Boolean.TRUE.equals(startSentNow(h.at(), h.s().sid()));
            if (gone || sent || all) {
                it.remove();
                unsettled.put(new Sending(h.s().sid(), true), h.at());
                tracker.endAt(gone && !sent ? withStart(h.s()) : h.s(), h.status(), h.atMillis());
            }
        }
    }

    /** {@code s}, ended here without sending, as a copy that sends its start with its end. */
    private static SessionState withStart(SessionState s) {
        return s.retire() ? new SessionState(s.sid(), s.startedMillis(), s.attributes(), s.errors(), true) : s;
    }

    /** Whether the cache says another node started {@code s} and has not sent its start yet. */
    private boolean startUnsentElsewhere(SharedSession s) {
        return !s.startSent() && s.starter() != null && !s.starter().equals(member);
    }

    /**
     * Whether the node with liveness entry {@code starter} is gone: silent for {@link
     * #NODE_SILENT_MILLIS}, and what it had on its way to the ingest noted in the entries.
     */
    private boolean starterGone(String starter) {
        long wall = System.currentTimeMillis();
        if (starter == null || wall - onlineSince < NODE_SILENT_MILLIS) {
            return false;
        }
        Silence known = silences.get(starter);
        if (known == null || wall - known.checkedAt() > 1_000) {
            try {
                Object beat = grid.call(() -> cache.get(starter));
                boolean gone = silent(starter, beat, wall);
                if (gone && grid.call(() -> cache.containsKey(outgoingKeyOf(starter)))) {
                    gone = false; // not before the sender thread noted what it had on its way
                    silentWithOutgoing.add(starter);
                }
                known = new Silence(wall, gone);
            } catch (GridCalls.Unanswered e) {
                return false; // cannot tell: its node may still send it
            }
            silences.put(starter, known);
        }
        return known.gone();
    }

    /**
     * Whether the node {@code node}, whose liveness entry holds {@code beat}, has been silent for {@link
     * #NODE_SILENT_MILLIS}: no entry (gone long ago, or never seen), or an old one. A negative one: it
     * left, and keeps its own. Judged only by a node on the cache for as long itself.
     */
    private boolean silent(String node, Object beat, long wall) {
        return !node.equals(member) && wall - onlineSince >= NODE_SILENT_MILLIS
                && (!(beat instanceof Long at) || (at >= 0 && wall - at > NODE_SILENT_MILLIS));
    }

    /** Whether the entry {@code now} (as read) says the start of {@code sid} was sent. */
    private static boolean startSent(SharedSession now, UUID sid) {
        SharedSession then = now == null ? null : now.find(sid);
        return then != null && then.startSent();
    }

    /** Whether the cache says the start of {@code sid} was sent, read now; {@code null} if it does not answer. */
    private Boolean startSentNow(String at, UUID sid) {
        try {
            return startSent(read(at), sid);
        } catch (GridCalls.Unanswered e) {
            return null;
        }
    }

    private record Silence(long checkedAt, boolean gone) {
    }

    private final ConcurrentHashMap<String, Silence> silences = new ConcurrentHashMap<>();

    /**
     * The cache has no entry for the session of {@code l}, announced and open here: it lost it (a
     * grid that restarted empty). It is put back as this node knows it; if another session holds the
     * key by now, it belongs to nobody in the cache, and the one node that claims its sid ends it.
     *
     * @return whether it is in the cache again (or the cache did not answer: then the copy waits)
     */
    private boolean putBack(Local l) {
        SessionState s = l.state;
        long now = tracker.nowMillis();
        try {
            SharedOp.Result r = call(l.sharedKey,
                    SharedOp.start(SharedSession.of(s, s.lastSeenMillis(), null, true), now, idleMillis, maxMillis));
            if (r.ok() && r.entry() != null && r.entry().ended()) {
                drop(s); // another node found it lost and ended it
                return false;
            }
            if (r.ok()) {
                if (r.lapsed() != null) {
                    endHere(l.sharedKey, r.lapsed());
                }
                l.generation = r.entry() == null ? l.generation : r.entry().generation();
                return true;
            }
        } catch (GridCalls.Unanswered e) {
            wentOffline(e);
            return true;
        }
        claimEnd(l.sharedKey, s, SessionStatus.EXITED);
        return false;
    }

    /**
     * Ends {@code s}, which the cache lost (the session entry of {@code at}), if this node's claim on
     * its end applies in the cache; drops it otherwise (another node ended it, or put it back and
     * ends it later).
     */
    private void claimEnd(String at, SessionState s, SessionStatus status) {
        SharedOp.Result r;
        try {
            r = call(at, SharedOp.endLost(SharedSession.of(s, s.lastSeenMillis(), null, true), tracker.nowMillis())
                    .status(status.name()));
        } catch (GridCalls.Unanswered e) {
            wentOffline(e);
            r = new SharedOp.Result(true, null, null); // nobody can claim it now: ending it here risks less than never
        }
        if (r.ok()) {
            unsettled.put(new Sending(s.sid(), true), at);
            tracker.endAt(s, status, s.lastSeenMillis());
        } else {
            drop(s);
        }
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
        if (l == null || now == null || l.generation == 0 || l.deferred || !l.state.isOpen()
                || ownOps.containsKey(now.lastOp())) {
            return;
        }
        boolean stale = now.generation() > l.generation || (now.ended() && now.is(l.state.sid()));
        if (stale && forget(key, l)) {
            drop(l);
        }
    }

    @Override
    public void close() {
        grid.close();
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
     * Ends {@code s} (the session of {@code mine}, bound to {@code key} or not any more) in the cache,
     * last active at {@code atMillis} here, and sends its end, timed at its last activity on any node;
     * a copy whose session another node ended or replaced is dropped. Offline, this waits for the
     * cache, and the key's next request starts a session of this node's own.
     */
    private void endShared(Object key, Local mine, SessionState s, SessionStatus status, long atMillis) {
        java.util.function.Consumer<SharedOp.Result> then = r -> {
            if (!r.ok() && r.entry() == null && s.announced() && s.isOpen()) {
                claimEnd(mine.sharedKey, s, status); // the cache lost the session (a grid that restarted empty)
                return;
            }
            if (!r.ok()) {
                drop(s);
                return;
            }
            SharedSession e = r.entry();
            forget(key, mine);
            s.raiseErrors(e == null ? s.errors() : e.errors());
            sendEnd(mine.sharedKey, s, status, e == null ? s.lastSeenMillis() : e.lastSeenMillis(), e);
        };
        SharedOp.Result r = invoke(mine, mine.sharedKey, SharedOp.end(s.sid(), atMillis).status(status.name()), then);
        if (r == null) {
            forget(key, mine);
        } else {
            then.accept(r);
        }
    }

    /** Where {@code key}'s session entry is in the cache. */
    private static String at(SharedKey key) {
        return SESSION + key.sharedId();
    }

    /** A local copy this node stops using, sending nothing (another node ends it, or ended it). */
    private static void drop(Local l) {
        if (!l.deferred) {
            drop(l.state);
        }
    }

    private static void drop(SessionState s) {
        if (!s.discardUnannounced()) {
            s.retire();
        }
    }

    private SharedSession read(String at) throws GridCalls.Unanswered {
        return grid.call(() -> cache.get(at)) instanceof SharedSession s ? s : null;
    }

    /** Runs {@code op} on the entry {@code at} now, within the bound. */
    private SharedOp.Result call(String at, SharedOp op) throws GridCalls.Unanswered {
        op.from(member);
        ownOps.put(op.id(), System.currentTimeMillis());
        return grid.call(() -> cache.invoke(at, op));
    }

    /**
     * Runs {@code op} on the entry {@code at} and returns its answer; or, offline, behind a start that
     * waits ({@code mine} deferred), or when the cache does not answer in time, queues it with what to
     * do with its answer ({@code then}) and returns {@code null}. A start that waits defers its session.
     */
    private SharedOp.Result invoke(Local mine, String at, SharedOp op, java.util.function.Consumer<SharedOp.Result> then) {
        synchronized (pending) {
            if (offline || (mine != null && mine.deferred)) {
                defer(mine, at, op, then);
                return null;
            }
        }
        try {
            return call(at, op);
        } catch (GridCalls.Unanswered e) {
            synchronized (pending) {
                defer(mine, at, op, then);
            }
            wentOffline(e);
            return null;
        }
    }

    /** With {@link #pending}'s lock held. */
    private void defer(Local mine, String at, SharedOp op, java.util.function.Consumer<SharedOp.Result> then) {
        if (mine != null && op.isStart()) {
            mine.deferred = true;
        }
        pending.add(new Pending(at, op, then));
    }

    private void wentOffline(GridCalls.Unanswered e) {
        synchronized (pending) {
            if (offline) {
                return;
            }
            offline = true;
            offlineSince = System.currentTimeMillis();
        }
        LOG.log(Level.WARNING, "sessionhealth: the session cache did not answer ({0}). Until it does, this node"
                + " serves the sessions it knows from its copies and keeps the sessions it starts to itself: a user"
                + " served by several nodes meanwhile counts once per node. Changes of shared sessions wait and are"
                + " written when it answers", e.getMessage());
    }

    private void beat() {
        lastMemberBeat = System.currentTimeMillis();
        cache.put(member, lastMemberBeat);
    }

    /**
     * Whether another node still runs: one whose liveness entry moves on. A live node rewrites its
     * entry every second, so this waits until one of them did (about a second at most), or
     * {@link #LIVENESS_WAIT_MILLIS} passed: a node killed with -9 leaves an entry that never moves.
     */
    private boolean othersAlive() throws GridCalls.Unanswered {
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
    private Map<String, Long> otherBeats() throws GridCalls.Unanswered {
        return grid.call(() -> {
            Map<String, Long> out = new java.util.HashMap<>();
            for (Cache.Entry<String, Object> e : cache) {
                if (e.getKey().startsWith(MEMBER) && !e.getKey().equals(member) && e.getValue() instanceof Long beat
                        && beat >= 0) {
                    out.put(e.getKey(), beat);
                }
            }
            return out;
        }, sweepBoundMillis());
    }
}
