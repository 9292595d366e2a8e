package dev.sessionhealth.internal;

import dev.sessionhealth.DiscardReason;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The bounded hand-off between calling threads and the sender thread. {@link #offer} never blocks:
 * when full, the update is dropped and counted as {@code queue_overflow}.
 */
public final class UpdateQueue {

    /** Not an update: put in the queue to wake the sender. */
    private static final SessionUpdate WAKE = new SessionUpdate(null, 0, null, 0, false);

    private final BlockingQueue<SessionUpdate> queue;
    private final DiscardCounters discards;
    private final LongAdder recorded = new LongAdder();
    /** Updates accepted into, and taken out of, the queue: their difference is the real size (no markers). */
    private final LongAdder accepted = new LongAdder();
    private final LongAdder taken = new LongAdder();
    private volatile boolean closed;

    public UpdateQueue(int capacity, DiscardCounters discards) {
        // one slot more than asked for, so that a wake marker never costs an update its place
        this.queue = new ArrayBlockingQueue<>(capacity + 1);
        this.discards = discards;
    }

    /** Enqueues an update; {@code null} (nothing to send) is ignored. Returns false if it was dropped. */
    public boolean offer(SessionUpdate update) {
        if (update == null) {
            return true;
        }
        recorded.increment();
        if (!closed && queue.remainingCapacity() > 1 && queue.offer(update)) {
            accepted.increment();
            return true;
        }
        if (update.init()) {
            update.state().initLost();
        }
        discards.add(DiscardReason.QUEUE_OVERFLOW, 1);
        return false;
    }

    /** Wakes the sender thread if it waits for updates (a flush or stop was requested). */
    void wake() {
        queue.offer(WAKE); // if the queue is full the sender is not waiting anyway
    }

    /** Waits up to {@code timeoutMillis} for one update, then drains up to {@code max - 1} more into {@code into}. */
    int poll(List<SessionUpdate> into, int max, long timeoutMillis) throws InterruptedException {
        SessionUpdate first = queue.poll(Math.max(0, timeoutMillis), TimeUnit.MILLISECONDS);
        if (first == null) {
            return 0;
        }
        int before = into.size();
        into.add(first);
        queue.drainTo(into, max - 1);
        into.removeIf(u -> u == WAKE);
        taken.add(into.size() - before);
        return into.size();
    }

    /** Updates waiting in the queue (wake markers not counted). */
    int size() {
        return (int) Math.max(0, accepted.sum() - taken.sum());
    }

    long recorded() {
        return recorded.sum();
    }

    /** Refuses further updates (they are counted as dropped); what is queued stays for the last flush. */
    void close() {
        closed = true;
    }
}
