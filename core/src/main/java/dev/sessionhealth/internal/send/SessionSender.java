package dev.sessionhealth.internal.send;

import dev.sessionhealth.BeforeSend;
import dev.sessionhealth.DiscardReason;
import dev.sessionhealth.SessionOptions;
import dev.sessionhealth.Transport;
import dev.sessionhealth.internal.DiscardCounters;
import dev.sessionhealth.internal.WarnOnce;
import dev.sessionhealth.internal.session.AggregateBucket;
import dev.sessionhealth.internal.session.RequestAggregator;
import dev.sessionhealth.internal.session.SessionUpdate;
import dev.sessionhealth.internal.session.UpdateQueue;
import dev.sessionhealth.internal.store.DeliveryJournal;
import dev.sessionhealth.internal.store.JournalKeeper;
import dev.sessionhealth.internal.store.Outbox;
import dev.sessionhealth.internal.wire.EnvelopeWriter;
import dev.sessionhealth.internal.wire.SessionRenderer;
import java.io.IOException;
import java.lang.System.Logger;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The one background thread: drains the queue into {@link PendingUpdates} (coalescing updates of
 * the same session), runs periodic maintenance (expiring idle sessions), and hands what is due to
 * {@link BatchDelivery}. Coordinates {@link #flush} and {@link #stop} with callers: both return as
 * soon as there is nothing left to wait for, and never later than their timeout.
 *
 * <p>The sender's own schedule (the maintenance tick, the flush interval, the backoff) is measured on
 * one monotonic ticker, {@link System#nanoTime} but in tests, which move it by hand. The thread's
 * sleeps are real, so it sees the ticker move when it next wakes (within the tick at the latest).
 * The timeouts of {@link #flush} and {@link #stop} are on real time ({@code realNanos}), whatever
 * the ticker: a caller waits for them in real time.
 */
public final class SessionSender {

    private static final Logger LOG = System.getLogger(SessionSender.class.getName());
    private static final long TICK_MILLIS = 1_000L;
    /** How long {@link #stop} waits for the thread once the in-flight request was aborted. */
    private static final long ABORT_GRACE_MILLIS = 2_000L;

    private final UpdateQueue queue;
    private final RequestAggregator aggregator;
    private final Transport transport;
    /** Whether the manager made the transport, and so closes it; one the application passed in is its own. */
    private final boolean ownsTransport;
    private final DiscardCounters discards;
    private final PendingUpdates pending;
    private final BatchDelivery delivery;
    private final Thread thread;
    /** The longest sleep between passes: the flush interval (the tick bounds it too). */
    private final long lingerMillis;
    private final WarnOnce warn = new WarnOnce(LOG);
    /** The journal's keeper, or {@code null}. */
    private final JournalKeeper journal;
    /** How often queued updates are committed to the journal: its commit window. */
    private final long commitMillis;
    private final int recovered;
    private final List<Runnable> maintenance = new CopyOnWriteArrayList<>();
    /** The monotonic ticker the sender's schedule is measured on. */
    private final LongSupplier nanoTime;
    private final Object monitor = new Object();

    // guarded by monitor; the deadlines are real time (realNanos): callers wait for them
    private long flushRequested;
    private long flushCompleted;
    private long flushAbandoned;
    /** Flush tickets answered "not now": the ingest limits sessions, and they wait for the limit to end. */
    private long flushHeld;
    private long flushDeadlineNanos;
    private boolean stopping;
    private boolean stopped;
    private long stopDeadlineNanos;

    /**
     * @param outbox where aggregates wait across a restart ({@code null}: memory only)
     * @param journal the write-ahead journal's keeper ({@code null}: no persistence)
     * @param ownsTransport whether {@link #stop} closes the transport (true only for one the manager made)
     * @param nanoTime the monotonic ticker of the sender's schedule, and of the backoff's waits
     */
    public SessionSender(SessionOptions options, InstantSource clock, UpdateQueue queue, RequestAggregator aggregator,
            Transport transport, boolean ownsTransport, DiscardCounters discards, SessionRenderer renderer, BeforeSend beforeSend,
            ThreadFactory threadFactory, Backoff backoff, LongSupplier nanoTime, Outbox outbox, JournalKeeper journal) {
        this(options, clock, queue, aggregator, transport, ownsTransport, discards, renderer, beforeSend, threadFactory,
                backoff, nanoTime, outbox, journal, DeliveryJournal.NONE);
    }

    /**
     * As above; {@code deliveries} hears of the deliveries when there is no journal (a shared store
     * learns which of the starts it announced reached the ingest).
     */
    public SessionSender(SessionOptions options, InstantSource clock, UpdateQueue queue, RequestAggregator aggregator,
            Transport transport, boolean ownsTransport, DiscardCounters discards, SessionRenderer renderer, BeforeSend beforeSend,
            ThreadFactory threadFactory, Backoff backoff, LongSupplier nanoTime, Outbox outbox, JournalKeeper journal,
            DeliveryJournal deliveries) {
        this.queue = queue;
        this.aggregator = aggregator;
        this.transport = transport;
        this.ownsTransport = ownsTransport;
        this.discards = discards;
        this.journal = journal;
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.pending = new PendingUpdates(options.queueCapacity(), discards, nanoTime);
        this.delivery = new BatchDelivery(options, clock, nanoTime, pending, aggregator, transport, discards,
                new UpdatePreparation(renderer, beforeSend, pending, warn), backoff, warn, outbox,
                journal == null ? deliveries : journal);
        this.lingerMillis = Math.max(1, options.flushInterval().toMillis());
        this.commitMillis = journal == null ? Long.MAX_VALUE : Math.max(1, options.journalInterval().toMillis());
        this.thread = threadFactory.newThread(this::run);
        if (journal != null) {
            List<PendingUpdates.Entry> recovered = journal.recover(options.queueCapacity());
            recovered.forEach(pending::add);
            queue.countRecorded(recovered.size());
            this.recovered = recovered.size();
        } else {
            this.recovered = 0;
        }
    }

    /** Sessions a previous process left undelivered, now queued to be sent. */
    public int recoveredCount() {
        return recovered;
    }

    /** Starts the thread. */
    public void start() {
        thread.start();
    }

    /** Adds a task run on the sender thread every second and before every flush. */
    public void addMaintenance(Runnable task) {
        maintenance.add(task);
    }

    /** Session updates the ingest accepted (coalesced updates count with the one that carried them). */
    public long sentCount() {
        return delivery.sentCount();
    }

    /** Updates waiting: queued, coalesced and not yet sent, or kept on disk. */
    public long pendingCount() {
        return queue.size() + pending.represented() + delivery.storedCount();
    }

    /** Updates kept on disk (the outbox, ended sessions evicted to the journal): part of {@link #pendingCount}. */
    public long storedCount() {
        return delivery.storedCount();
    }

    /** What delivery is doing now. */
    public dev.sessionhealth.SessionStats.Delivery deliveryStatus() {
        return delivery.status();
    }

    public long unconfirmedCount() {
        return delivery.unconfirmedCount();
    }

    public long unconfirmedEnvelopes() {
        return delivery.unconfirmedEnvelopes();
    }

    /**
     * Runs maintenance and sends everything recorded so far, waiting at most {@code timeoutMillis}.
     * Returns at once when there is nothing to send, and (false) as soon as the ingest's rate limit
     * holds what is left.
     *
     * @return whether everything was sent or discarded in time
     */
    public boolean flush(long timeoutMillis) {
        if (Thread.currentThread() == thread) {
            return false; // called from a hook or maintenance task: waiting for ourselves would deadlock
        }
        long deadline = realNanos() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        synchronized (monitor) {
            if (stopping || stopped) {
                return queue.size() == 0 && pending.represented() == 0 && delivery.storedCount() == 0;
            }
            long ticket = ++flushRequested;
            if (ticket == 1 || deadline - flushDeadlineNanos > 0) {
                flushDeadlineNanos = deadline;
            }
            queue.wake();
            try {
                while (flushCompleted < ticket) {
                    long left = deadline - realNanos();
                    if (left <= 0 || stopped || flushHeld >= ticket) {
                        return false;
                    }
                    TimeUnit.NANOSECONDS.timedWait(monitor, left);
                }
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /**
     * Sends what is left (all aggregates included) within {@code timeoutMillis}, stops the thread and
     * counts anything still undelivered. If a request still hangs then, it is aborted by closing the
     * transport when the manager made it; the thread is interrupted either way. Returns once the
     * thread ended, or shortly after the time is up if it does not.
     */
    public void stop(long timeoutMillis) {
        synchronized (monitor) {
            if (stopping) {
                return;
            }
            stopping = true;
            stopDeadlineNanos = realNanos() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            monitor.notifyAll();
        }
        queue.wake();
        try {
            if (thread.getState() != Thread.State.NEW) {
                thread.join(Math.max(1, timeoutMillis));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (ownsTransport) {
            closeTransport(); // aborts a request still in flight, so the thread can count and end
        }
        if (thread.isAlive()) {
            // a request still in flight on the application's transport is not ours to abort
            thread.interrupt();
            try {
                thread.join(ABORT_GRACE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void closeTransport() {
        try {
            transport.close();
        } catch (IOException | RuntimeException e) {
            warn.log("close", "sessionhealth: closing the transport failed: " + e);
        }
    }

    private void run() {
        List<SessionUpdate> batch = new ArrayList<>(EnvelopeWriter.MAX_SESSION_ITEMS);
        long nextMaintenance = nanoTime.getAsLong();
        while (true) {
            long target;
            synchronized (monitor) {
                if (stopping) {
                    break;
                }
                target = currentFlushTarget();
            }
            boolean flushing = target > 0;
            try {
                long now = nanoTime.getAsLong();
                if (flushing || now - nextMaintenance >= 0) {
                    runMaintenance();
                    nextMaintenance = now + TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS);
                }
                drainQueue(batch, flushing ? Integer.MAX_VALUE : 4096, waitMillis(flushing, nextMaintenance));
                delivery.sendDue(flushing, false, () -> false);
            } catch (RuntimeException | LinkageError | AssertionError e) {
                warn.log("sender", "sessionhealth: unexpected failure in the sender thread", e);
            }
            finishPass(target);
        }
        drainOnStop(batch);
        synchronized (monitor) {
            stopped = true;
            monitor.notifyAll();
        }
    }

    /** The flush ticket this pass works for, or 0; gives up tickets whose callers stopped waiting. */
    private long currentFlushTarget() {
        long done = Math.max(Math.max(flushCompleted, flushAbandoned), flushHeld);
        if (flushRequested <= done) {
            return 0;
        }
        if (realNanos() - flushDeadlineNanos > 0) {
            flushAbandoned = flushRequested;
            return 0;
        }
        return flushRequested;
    }

    private void finishPass(long target) {
        synchronized (monitor) {
            if (target > 0 && pending.isEmpty() && !aggregator.hasReady(false) && delivery.storedCount() == 0) {
                flushCompleted = Math.max(flushCompleted, target);
                monitor.notifyAll();
            } else if (target > 0 && delivery.heldByRateLimit()) {
                flushHeld = Math.max(flushHeld, target); // kept for after the limit: a flush cannot send them now
                monitor.notifyAll();
            }
        }
    }

    /**
     * How long to sleep before the next pass: not at all while flushing, unless a network backoff runs;
     * otherwise until maintenance or a batch is due, and never longer than the flush interval, since
     * updates queued meanwhile are only taken when the thread wakes (see {@link UpdateQueue}).
     */
    private long waitMillis(boolean flushing, long nextMaintenanceNanos) {
        if (flushing) {
            return delivery.backingOff() ? Math.min(TICK_MILLIS, delivery.backoffMillisLeft()) : 0;
        }
        long untilMaintenance = TimeUnit.NANOSECONDS.toMillis(nextMaintenanceNanos - nanoTime.getAsLong());
        return Math.min(Math.min(lingerMillis, commitMillis), delivery.millisUntilDue(Math.max(0, untilMaintenance)));
    }

    private void drainOnStop(List<SessionUpdate> batch) {
        Thread.interrupted(); // an interrupt only meant "stop waiting"; the queue must still be read
        try {
            runMaintenance();
            queue.close();
            drainQueue(batch, Integer.MAX_VALUE, 0);
            delivery.resetBackoff();
            delivery.sendDue(true, true, this::pastStopDeadline);
            delivery.storeRemaining();
        } catch (RuntimeException | LinkageError | AssertionError e) {
            warn.log("sender", "sessionhealth: unexpected failure while stopping", e);
        }
        if (journal == null || journal.failed()) {
            pending.dropAll(delivery.heldByRateLimit() ? DiscardReason.RATELIMIT_BACKOFF : DiscardReason.NETWORK_ERROR);
        } // else they stay in the journal, and the next start sends them
        List<AggregateBucket> rest = aggregator.take(true);
        discards.add(DiscardReason.NETWORK_ERROR, rest.stream().mapToLong(AggregateBucket::total).sum());
        batch.clear();
        try {
            queue.poll(batch, Integer.MAX_VALUE, 0); // offered while closing: too late to send
        } catch (InterruptedException e) {
            // cannot happen: the flag was cleared above and nobody else interrupts this thread now
        }
        discards.add(DiscardReason.QUEUE_OVERFLOW, batch.size());
        if (journal != null) {
            journal.close();
        }
    }

    private boolean pastStopDeadline() {
        synchronized (monitor) {
            return realNanos() - stopDeadlineNanos > 0;
        }
    }

    /** Real time, for the deadlines callers wait for; never the ticker, which a test may hold still. */
    private static long realNanos() {
        return System.nanoTime();
    }

    private void runMaintenance() {
        for (Runnable task : maintenance) {
            try {
                task.run();
            } catch (RuntimeException e) {
                warn.log("maintenance", "sessionhealth: a maintenance task failed", e);
            }
        }
    }

    /**
     * Moves queued updates into {@link #pending}. On our own thread an interrupt only cuts the wait
     * short; stop() is how the thread ends. The flag is not kept (every later poll would fail at once
     * and the loop spin), and the queue is read again without waiting: a flush pass that skipped the
     * queue would report success with updates still in it.
     */
    private void drainQueue(List<SessionUpdate> batch, int max, long waitMillis) {
        batch.clear();
        try {
            queue.poll(batch, max, waitMillis);
        } catch (InterruptedException e) {
            try {
                queue.poll(batch, max, 0);
            } catch (InterruptedException again) {
                // interrupted twice in a row: the next pass reads the queue
            }
        }
        if (journal != null) {
            journal.record(batch); // written ahead: nothing is sent that the journal does not know
        }
        for (SessionUpdate u : batch) {
            pending.add(u);
        }
        delivery.relieve();
    }
}
