package dev.sessionhealth.examples.receiver;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/**
 * The receiver's memory: every accepted session by sid, every accepted aggregate bucket, the latest
 * items, and what was rejected and why. Applies the rules that need history: a session counts once,
 * on {@code init:true}; nothing may follow a terminal status. Thread-safe; all methods are short
 * and synchronized (this is a demo receiver, not Relay).
 *
 * <p>An update that arrives before its session's {@code init:true} waits for it, up to
 * {@link #WAIT_FOR_INIT}, and is applied right after it: with several nodes, the node that ends a
 * session may deliver before the node that started it, and the ingest counts the session the same
 * either way. An update whose init does not come in that time is rejected.
 */
public final class ReleaseHealthBoard {

    /** How long an update waits for its session's {@code init:true} before it is rejected. */
    public static final Duration WAIT_FOR_INIT = Duration.ofSeconds(60);
    private static final String NEVER_STARTED = "update for a session never sent with init:true";

    private final InstantSource clock;
    private final int feedSize;
    private final int chartMinutes;
    private final Map<String, TrackedSession> sessions = new LinkedHashMap<>();
    private final List<AggregateItem> aggregates = new ArrayList<>();
    private final Deque<ReceivedUpdate> feed = new ArrayDeque<>();
    private final Map<String, Long> rejectedByReason = new TreeMap<>();
    private final Map<String, Long> clientDiscards = new TreeMap<>();
    /** Updates of sessions whose init has not arrived yet, by sid, each list in arrival order. */
    private final Map<String, List<Waiting>> waiting = new LinkedHashMap<>();
    private final List<BiConsumer<byte[], Integer>> envelopeListeners = new CopyOnWriteArrayList<>();
    private long accepted;
    private long rejected;

    private record Waiting(Instant since, SessionItem item) {
    }

    /**
     * @param feedSize how many of the latest items to keep for the feed
     * @param chartMinutes how many minutes the per-minute chart covers
     */
    public ReleaseHealthBoard(InstantSource clock, int feedSize, int chartMinutes) {
        this.clock = clock;
        this.feedSize = feedSize;
        this.chartMinutes = chartMinutes;
    }

    public InstantSource clock() {
        return clock;
    }

    /**
     * Counts a session update, or records it as rejected when it breaks the protocol; an update
     * before its session's init waits for it.
     */
    public synchronized void accept(SessionItem item) {
        expireWaiting(clock.instant());
        if (!item.init() && !sessions.containsKey(item.sid())) {
            waiting.computeIfAbsent(item.sid(), sid -> new ArrayList<>()).add(new Waiting(clock.instant(), item));
            return;
        }
        if (apply(item) && item.init()) {
            List<Waiting> early = waiting.remove(item.sid());
            if (early != null) {
                early.forEach(w -> apply(w.item()));
            }
        }
    }

    /** Applies an update to its session (an init starts one); false if it was rejected. */
    private boolean apply(SessionItem item) {
        TrackedSession known = sessions.get(item.sid());
        try {
            if (item.init()) {
                if (known != null) {
                    throw new RejectedItemException("init:true again for a session already started");
                }
                sessions.put(item.sid(), new TrackedSession(item));
            } else {
                if (known == null) {
                    throw new RejectedItemException(NEVER_STARTED);
                }
                known.update(item);
            }
        } catch (RejectedItemException e) {
            reject(item, e.getMessage());
            return false;
        }
        accepted++;
        remember(ReceivedUpdate.accepted(clock.instant(), item));
        return true;
    }

    /** Rejects the updates that waited {@link #WAIT_FOR_INIT} for their init in vain. */
    private void expireWaiting(Instant now) {
        Instant limit = now.minus(WAIT_FOR_INIT);
        for (Iterator<List<Waiting>> it = waiting.values().iterator(); it.hasNext();) {
            List<Waiting> early = it.next();
            if (!early.get(0).since().isAfter(limit)) {
                it.remove();
                early.forEach(w -> reject(w.item(), NEVER_STARTED));
            }
        }
    }

    private void reject(SessionItem item, String reason) {
        ItemSummary seen = new ItemSummary(item.sid(), item.did(), item.init(), item.status(), item.errors(),
                item.release(), item.environment());
        reject("session", seen, reason);
    }

    public synchronized void accept(AggregateItem item) {
        aggregates.add(item);
        accepted++;
        remember(ReceivedUpdate.accepted(clock.instant(), item));
    }

    /** Records an item (or, with type {@code envelope}, a whole envelope) the ingest would drop. */
    public synchronized void reject(String type, ItemSummary seen, String reason) {
        rejected++;
        rejectedByReason.merge(reason, 1L, Long::sum);
        remember(ReceivedUpdate.rejected(clock.instant(), type, seen, reason));
    }

    /** Adds what an SDK reported it discarded (a {@code client_report} item). */
    public synchronized void discarded(String reason, long quantity) {
        clientDiscards.merge(reason, quantity, Long::sum);
    }

    /**
     * Calls {@code listener} with every envelope the receiver read (decompressed) and the status it
     * answered, on the thread that received it: for tests that check the whole stream.
     */
    public void onEnvelope(BiConsumer<byte[], Integer> listener) {
        envelopeListeners.add(listener);
    }

    void envelopeAnswered(byte[] envelope, int status) {
        envelopeListeners.forEach(l -> l.accept(envelope, status));
    }

    public synchronized HealthStats stats() {
        Instant now = clock.instant();
        expireWaiting(now);
        StatsCalculator calc = new StatsCalculator(now, chartMinutes);
        sessions.values().forEach(calc::add);
        aggregates.forEach(calc::add);
        return new HealthStats(now, calc.totals(), calc.releases(), calc.minutes(), List.copyOf(feed), accepted,
                rejected, waiting.values().stream().mapToLong(List::size).sum(), Map.copyOf(rejectedByReason),
                Map.copyOf(clientDiscards));
    }

    private void remember(ReceivedUpdate update) {
        feed.addFirst(update);
        while (feed.size() > feedSize) {
            feed.removeLast();
        }
    }
}
