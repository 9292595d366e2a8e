package dev.sessionhealth.internal.session;

import dev.sessionhealth.DiscardReason;
import dev.sessionhealth.internal.DiscardCounters;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * The bounded hand-off between calling threads and the sender thread. {@link #offer} never blocks:
 * when full, the update is dropped and counted as {@code queue_overflow}.
 *
 * <p>An update does not wake the sender: it sleeps until its next pass is due (at most a second,
 * see {@code SessionSender}) and then takes everything queued at once. Waking it per update cost a
 * futex call on the request thread and a context switch per update under load, for no gain: the
 * updates are sent in batches anyway. It is woken early only when the queue is half full (so that it
 * does not overflow while the sender sleeps) and when a flush or stop asks for it.
 */
public final class UpdateQueue {

    private final BlockingQueue<SessionUpdate> queue;
    private final int wakeAt;
    private final DiscardCounters discards;
    private final LongAdder recorded = new LongAdder();
    /** Updates in the queue: incremented by offers, decreased by the sender as it takes them. */
    private final AtomicInteger size = new AtomicInteger();
    /** The sender while it sleeps in {@link #poll}, else {@code null}. */
    private volatile Thread sleeper;
    /** A wake-up was asked for since the sender last woke. */
    private volatile boolean wakeRequested;
    private volatile boolean closed;

    public UpdateQueue(int capacity, DiscardCounters discards) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.wakeAt = Math.max(1, capacity / 2);
        this.discards = discards;
    }

    /** Enqueues an update; {@code null} (nothing to send) is ignored. Returns false if it was dropped. */
    boolean offer(SessionUpdate update) {
        if (update == null) {
            return true;
        }
        recorded.increment();
        if (!closed && queue.offer(update)) {
            if (size.incrementAndGet() >= wakeAt) {
                wake(); // half full: take it before it overflows
            }
            return true;
        }
        if (update.init()) {
            update.state().initLost();
        }
        discards.add(DiscardReason.QUEUE_OVERFLOW, 1);
        return false;
    }

    /** Wakes the sender thread if it sleeps in {@link #poll}, or makes its next sleep return at once. */
    public void wake() {
        wakeRequested = true;
        Thread t = sleeper;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /**
     * Sleeps up to {@code timeoutMillis} unless woken (or the queue is half full already), then takes
     * up to {@code max} updates into {@code into}. Called by the sender thread only.
     */
    public int poll(List<SessionUpdate> into, int max, long timeoutMillis) throws InterruptedException {
        if (timeoutMillis > 0) {
            sleep(TimeUnit.MILLISECONDS.toNanos(timeoutMillis));
        }
        int taken = queue.drainTo(into, max);
        size.addAndGet(-taken);
        return taken;
    }

    private void sleep(long nanos) throws InterruptedException {
        // either wake() sees the sleeper and unparks it, or the sleeper sees the request: both are volatile
        sleeper = Thread.currentThread();
        try {
            long deadline = System.nanoTime() + nanos;
            for (long left = nanos; left > 0 && !wakeRequested && size.get() < wakeAt;
                    left = deadline - System.nanoTime()) {
                LockSupport.parkNanos(this, left);
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
            }
        } finally {
            sleeper = null;
            wakeRequested = false;
        }
    }

    /** Updates waiting in the queue. */
    public int size() {
        return Math.max(0, size.get());
    }

    /** Counts updates recorded without the queue (read back from a previous process's journal). */
    public void countRecorded(long n) {
        recorded.add(n);
    }

    public long recorded() {
        return recorded.sum();
    }

    /** Refuses further updates (they are counted as dropped); what is queued stays for the last flush. */
    public void close() {
        closed = true;
    }
}
