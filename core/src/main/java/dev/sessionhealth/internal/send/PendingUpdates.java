package dev.sessionhealth.internal.send;

import dev.sessionhealth.DiscardReason;
import dev.sessionhealth.internal.DiscardCounters;
import dev.sessionhealth.internal.session.SessionState;
import dev.sessionhealth.internal.session.SessionUpdate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Session updates taken from the queue and not yet sent, oldest session first, one per session:
 * a later update of the same session replaces the earlier one (keeping its {@code init}). Each entry
 * remembers how many recorded updates it stands for, so that sent and discarded counts add up to
 * what was recorded. Bounded: past the capacity the oldest is dropped and counted. Entries taken
 * for sending stay counted as pending until they are {@linkplain #settled settled}, {@linkplain #drop
 * dropped} or {@linkplain #restoreFront put back}. The age of what waits is measured on the sender's
 * monotonic ticker. Sender thread only, except {@link #represented()}.
 */
public final class PendingUpdates {

    /** One coalesced update and the number of recorded updates it carries. */
    public record Entry(SessionUpdate update, long count) {
        Entry merge(Entry later) {
            return new Entry(update.mergeLater(later.update), count + later.count);
        }
    }

    private final LinkedHashMap<SessionState, Entry> bySession = new LinkedHashMap<>();
    private final int capacity;
    private final DiscardCounters discards;
    private final LongSupplier nanoTime;
    private long oldestNanos;
    private volatile long represented;

    /** @param nanoTime the sender's monotonic ticker, on which the oldest update's arrival is noted */
    PendingUpdates(int capacity, DiscardCounters discards, LongSupplier nanoTime) {
        this.capacity = capacity;
        this.discards = discards;
        this.nanoTime = nanoTime;
    }

    void add(SessionUpdate u) {
        if (bySession.isEmpty()) {
            oldestNanos = nanoTime.getAsLong();
        }
        add(new Entry(u, 1));
    }

    /** Adds an entry that stands for {@code entry.count()} recorded updates (read back from the journal). */
    void add(Entry entry) {
        if (bySession.isEmpty()) {
            oldestNanos = nanoTime.getAsLong();
        }
        bySession.merge(entry.update().state(), entry, Entry::merge);
        represented += entry.count();
    }

    /** Sessions pending beyond the capacity (0 while within it). */
    int excess() {
        return Math.max(0, bySession.size() - capacity);
    }

    /** Room for this many more sessions. */
    int room() {
        return Math.max(0, capacity - bySession.size());
    }

    /** Taken entries whose latest state now lives in the journal only: no longer pending here. */
    void evicted(List<Entry> entries) {
        represented -= countOf(entries);
    }

    /**
     * Removes and returns up to {@code max} entries of ended sessions, oldest first, looking at no
     * more than {@code scan} entries. An open session's entry stays: the session is in memory anyway
     * (its integration holds it), and its next update must merge with this one.
     */
    List<Entry> takeEnded(int max, int scan) {
        List<Entry> out = new ArrayList<>();
        Iterator<Entry> it = bySession.values().iterator();
        for (int seen = 0; it.hasNext() && out.size() < max && seen < scan; seen++) {
            Entry e = it.next();
            if (e.update().status().isTerminal()) {
                out.add(e);
                it.remove();
            }
        }
        return out;
    }

    /** Removes and returns up to {@code max} entries, oldest first. */
    List<Entry> take(int max) {
        List<Entry> out = new ArrayList<>(Math.min(max, bySession.size()));
        Iterator<Entry> it = bySession.values().iterator();
        while (it.hasNext() && out.size() < max) {
            out.add(it.next());
            it.remove();
        }
        return out; // still represented: they are in flight
    }

    /** Taken entries that were delivered (or kept on disk): no longer pending here. */
    void settled(List<Entry> entries) {
        represented -= countOf(entries);
    }

    /** Puts entries whose send failed back in front, merged with anything recorded for them since. */
    void restoreFront(List<Entry> failed) {
        if (failed.isEmpty()) {
            return;
        }
        LinkedHashMap<SessionState, Entry> later = new LinkedHashMap<>(bySession);
        bySession.clear();
        for (Entry e : failed) {
            bySession.put(e.update().state(), e); // still represented since take()
        }
        later.forEach((state, e) -> bySession.merge(state, e, Entry::merge));
        oldestNanos = Math.min(oldestNanos, nanoTime.getAsLong());
    }

    /** Drops these (already taken) entries: counted by reason; a lost first update passes init on. */
    void drop(List<Entry> entries, DiscardReason reason) {
        represented -= countOf(entries);
        discards.add(reason, countOf(entries));
        entries.forEach(e -> lostInit(e.update()));
    }

    /** Drops everything pending. */
    void dropAll(DiscardReason reason) {
        drop(take(Integer.MAX_VALUE), reason);
    }

    boolean isEmpty() {
        return bySession.isEmpty();
    }

    int size() {
        return bySession.size();
    }

    /** When the oldest pending update arrived, on the sender's ticker; meaningless when empty. */
    long oldestNanos() {
        return oldestNanos;
    }

    /** Makes what is pending due now (a batch was cut short by the item limit). */
    void markDue(long intervalNanos) {
        oldestNanos = nanoTime.getAsLong() - intervalNanos;
    }

    /** How many recorded updates are pending or being sent; readable from any thread. */
    long represented() {
        return represented;
    }

    public static long countOf(List<Entry> entries) {
        return entries.stream().mapToLong(Entry::count).sum();
    }

    /**
     * A dropped update carried the session's start: the session's next update must carry it. That is
     * the one waiting here if there is one (recorded while this one was in flight), else the next
     * one recorded.
     */
    void lostInit(SessionUpdate u) {
        if (!u.init()) {
            return;
        }
        Entry waiting = bySession.get(u.state());
        if (waiting != null) {
            SessionUpdate w = waiting.update();
            bySession.put(u.state(), new Entry(new SessionUpdate(w.state(), w.timestampMillis(), w.status(),
                    w.errors(), true), waiting.count()));
        } else {
            u.state().initLost();
        }
    }
}
