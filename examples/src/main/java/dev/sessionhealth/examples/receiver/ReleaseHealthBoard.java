package dev.sessionhealth.examples.receiver;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The receiver's memory: every accepted session by sid, every accepted aggregate bucket, the latest
 * items, and what was rejected and why. Applies the rules that need history: a session counts once,
 * on {@code init:true}; nothing may follow a terminal status. Thread-safe; all methods are short
 * and synchronized (this is a demo receiver, not Relay).
 */
public final class ReleaseHealthBoard {

    private final InstantSource clock;
    private final int feedSize;
    private final int chartMinutes;
    private final Map<String, TrackedSession> sessions = new LinkedHashMap<>();
    private final List<AggregateItem> aggregates = new ArrayList<>();
    private final Deque<ReceivedUpdate> feed = new ArrayDeque<>();
    private final Map<String, Long> rejectedByReason = new TreeMap<>();
    private final Map<String, Long> clientDiscards = new TreeMap<>();
    private long accepted;
    private long rejected;

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

    /** Counts a session update, or records it as rejected when it breaks the protocol. */
    public synchronized void accept(SessionItem item) {
        TrackedSession known = sessions.get(item.sid());
        try {
            if (item.init()) {
                if (known != null) {
                    throw new RejectedItemException("init:true again for a session already started");
                }
                sessions.put(item.sid(), new TrackedSession(item));
            } else {
                if (known == null) {
                    throw new RejectedItemException("update for a session never sent with init:true");
                }
                known.update(item);
            }
        } catch (RejectedItemException e) {
            ItemSummary seen = new ItemSummary(item.sid(), item.did(), item.init(), item.status(), item.errors(),
                    item.release(), item.environment());
            reject("session", seen, e.getMessage());
            return;
        }
        accepted++;
        remember(ReceivedUpdate.accepted(clock.instant(), item));
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

    public synchronized HealthStats stats() {
        Instant now = clock.instant();
        StatsCalculator calc = new StatsCalculator(now, chartMinutes);
        sessions.values().forEach(calc::add);
        aggregates.forEach(calc::add);
        return new HealthStats(now, calc.totals(), calc.releases(), calc.minutes(), List.copyOf(feed), accepted,
                rejected, Map.copyOf(rejectedByReason), Map.copyOf(clientDiscards));
    }

    private void remember(ReceivedUpdate update) {
        feed.addFirst(update);
        while (feed.size() > feedSize) {
            feed.removeLast();
        }
    }
}
