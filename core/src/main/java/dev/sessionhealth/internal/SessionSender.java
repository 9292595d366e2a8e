package dev.sessionhealth.internal;

import dev.sessionhealth.BeforeSend;
import dev.sessionhealth.DiscardReason;
import dev.sessionhealth.Session;
import dev.sessionhealth.SessionOptions;
import dev.sessionhealth.Transport;
import java.io.IOException;
import java.lang.System.Logger;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The one background thread: drains the queue, coalesces updates of the same session, runs periodic
 * maintenance (expiring idle sessions), and sends envelopes of at most 100 session items, honouring
 * rate limits and retrying network failures with bounded backoff.
 */
public final class SessionSender {

    private static final Logger LOG = System.getLogger(SessionSender.class.getName());
    private static final long TICK_MILLIS = 1_000L;
    private static final long MAX_BACKOFF_MILLIS = 60_000L;

    private final SessionOptions options;
    private final InstantSource clock;
    private final UpdateQueue queue;
    private final RequestAggregator aggregator;
    private final Transport transport;
    private final DiscardCounters discards;
    private final SessionRenderer renderer;
    private final BeforeSend beforeSend;
    private final Thread thread;
    private final EnvelopeWriter writer = new EnvelopeWriter(Sdk.NAME, Sdk.VERSION);
    private final RateLimits rateLimits = new RateLimits();
    private final WarnOnce warn = new WarnOnce(LOG);
    private final List<Runnable> maintenance = new CopyOnWriteArrayList<>();
    private final LongAdder sent = new LongAdder();
    private final Object monitor = new Object();

    /** Coalesced updates waiting to be sent, oldest session first. Sender thread only. */
    private final LinkedHashMap<SessionState, SessionUpdate> pending = new LinkedHashMap<>();
    private long firstPendingNanos;
    private long backoffMillis;
    private long retryAtNanos;

    // guarded by monitor
    private long flushRequests;
    private long flushesDone;
    private boolean idle = true;
    private boolean stopping;
    private boolean stopped;

    public SessionSender(SessionOptions options, InstantSource clock, UpdateQueue queue, RequestAggregator aggregator,
            Transport transport, DiscardCounters discards, SessionRenderer renderer, BeforeSend beforeSend,
            ThreadFactory threadFactory) {
        this.options = options;
        this.clock = clock;
        this.queue = queue;
        this.aggregator = aggregator;
        this.transport = transport;
        this.discards = discards;
        this.renderer = renderer;
        this.beforeSend = beforeSend;
        this.thread = threadFactory.newThread(this::run);
    }

    /** Starts the thread. */
    public void start() {
        thread.start();
    }

    /** Adds a task run on the sender thread every second and before every flush. */
    public void addMaintenance(Runnable task) {
        maintenance.add(task);
    }

    public long sentCount() {
        return sent.sum();
    }

    /** Updates waiting: queued, or coalesced and not yet sent. */
    public long pendingCount() {
        synchronized (monitor) {
            return queue.size() + pendingSnapshotSize;
        }
    }

    private volatile int pendingSnapshotSize;

    /**
     * Runs maintenance and sends everything that is due now, waiting at most {@code timeoutMillis}.
     *
     * @return whether the queue was drained and everything sent or discarded in time
     */
    public boolean flush(long timeoutMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        synchronized (monitor) {
            if (stopped) {
                return queue.size() == 0;
            }
            long ticket = ++flushRequests;
            queue.wake();
            try {
                while (flushesDone < ticket || !idle) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0 || stopped) {
                        return flushesDone >= ticket && idle;
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
     * counts anything still undelivered. Returns once the thread ended or the time is up.
     */
    public void stop(long timeoutMillis) {
        synchronized (monitor) {
            if (stopping) {
                return;
            }
            stopping = true;
        }
        queue.wake();
        try {
            thread.join(Math.max(1, timeoutMillis));
            if (thread.isAlive()) {
                synchronized (monitor) {
                    stopped = true;
                }
                thread.interrupt(); // last resort: a send is hanging past the shutdown timeout
                thread.join(1_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            transport.close();
        } catch (IOException | RuntimeException e) {
            warn.log("close", "sessionhealth: closing the transport failed: " + e);
        }
    }

    private void run() {
        List<SessionUpdate> batch = new ArrayList<>(EnvelopeWriter.MAX_SESSION_ITEMS);
        long nextMaintenance = System.nanoTime();
        while (true) {
            long flushTicket;
            boolean stopNow;
            synchronized (monitor) {
                flushTicket = flushRequests;
                stopNow = stopping || stopped;
                idle = false;
            }
            if (stopNow) {
                drainOnStop(batch);
                break;
            }
            boolean flushing = flushTicket > flushesDone();
            try {
                long now = System.nanoTime();
                if (flushing || now >= nextMaintenance) {
                    runMaintenance();
                    nextMaintenance = now + TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS);
                }
                drainQueue(batch, flushing ? 0 : Math.min(TICK_MILLIS, millisUntilDue()));
                sendDue(flushing, false);
            } catch (RuntimeException e) {
                warn.log("sender", "sessionhealth: unexpected failure in the sender thread", e);
            }
            synchronized (monitor) {
                if (flushing) {
                    flushesDone = Math.max(flushesDone, flushTicket);
                }
                idle = queue.size() == 0 && (pending.isEmpty() || backingOff()) && !aggregator.hasReady(false);
                pendingSnapshotSize = pending.size();
                monitor.notifyAll();
            }
        }
        synchronized (monitor) {
            stopped = true;
            idle = true;
            pendingSnapshotSize = pending.size();
            monitor.notifyAll();
        }
    }

    private long flushesDone() {
        synchronized (monitor) {
            return flushesDone;
        }
    }

    private void drainOnStop(List<SessionUpdate> batch) {
        try {
            runMaintenance();
            queue.close();
            batch.clear();
            while (queue.poll(batch, Integer.MAX_VALUE, 0) > 0) {
                batch.forEach(this::addPending);
                batch.clear();
            }
            backoffMillis = 0;
            retryAtNanos = 0;
            sendDue(true, true);
        } catch (InterruptedException e) {
            // stop() gave up waiting: fall through and count what is left
        } catch (RuntimeException e) {
            warn.log("sender", "sessionhealth: unexpected failure while stopping", e);
        }
        long left = pending.size();
        pending.keySet().forEach(SessionState::initLost);
        pending.clear();
        discards.add(DiscardReason.NETWORK_ERROR, left);
        List<AggregateBucket> rest = aggregator.take(true);
        discards.add(DiscardReason.NETWORK_ERROR, rest.stream().mapToLong(AggregateBucket::total).sum());
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

    private void drainQueue(List<SessionUpdate> batch, long waitMillis) {
        batch.clear();
        try {
            if (queue.poll(batch, 4096, waitMillis) == 0) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        batch.forEach(this::addPending);
        batch.clear();
    }

    private void addPending(SessionUpdate u) {
        if (pending.isEmpty()) {
            firstPendingNanos = System.nanoTime();
        }
        pending.merge(u.state(), u, SessionUpdate::mergeLater);
        if (pending.size() > options.queueCapacity()) {
            Iterator<Map.Entry<SessionState, SessionUpdate>> oldest = pending.entrySet().iterator();
            dropInit(oldest.next().getValue());
            oldest.remove();
            discards.add(DiscardReason.NETWORK_ERROR, 1);
        }
    }

    private long millisUntilDue() {
        if (pending.isEmpty()) {
            return TICK_MILLIS;
        }
        long dueAt = firstPendingNanos + options.flushInterval().toNanos();
        return Math.max(0, TimeUnit.NANOSECONDS.toMillis(dueAt - System.nanoTime()));
    }

    private boolean backingOff() {
        return retryAtNanos != 0 && System.nanoTime() < retryAtNanos;
    }

    /** Sends pending sessions and ready aggregates when due; on stop, everything and without waiting. */
    private void sendDue(boolean force, boolean stopping) {
        if (backingOff() && !stopping) {
            return;
        }
        boolean sessionsDue = !pending.isEmpty() && (force || pending.size() >= EnvelopeWriter.MAX_SESSION_ITEMS
                || millisUntilDue() == 0);
        boolean aggregatesDue = aggregator.hasReady(stopping);
        if (!sessionsDue && !aggregatesDue) {
            return;
        }
        long now = clock.millis();
        if (!rateLimits.sessionsAllowed(now)) {
            dropAllLimited();
            return;
        }
        while (!pending.isEmpty() || aggregator.hasReady(stopping)) {
            if (!sendOneEnvelope(stopping)) {
                return;
            }
            if (!rateLimits.sessionsAllowed(clock.millis())) {
                dropAllLimited();
                return;
            }
        }
    }

    private void dropAllLimited() {
        pending.values().forEach(this::dropInit);
        discards.add(DiscardReason.RATELIMIT_BACKOFF, pending.size());
        pending.clear();
        List<AggregateBucket> buckets = aggregator.take(false);
        discards.add(DiscardReason.RATELIMIT_BACKOFF, buckets.stream().mapToLong(AggregateBucket::total).sum());
    }

    /** Sends one envelope; returns false when sending should pause (network failure). */
    private boolean sendOneEnvelope(boolean stopping) {
        Instant now = clock.instant();
        List<SessionUpdate> items = takePending(EnvelopeWriter.MAX_SESSION_ITEMS);
        writer.begin(now);
        List<SessionUpdate> written = new ArrayList<>(items.size());
        for (SessionUpdate u : items) {
            Session s = prepare(u, now);
            if (s != null) {
                writer.session(s);
                written.add(u);
            }
        }
        List<AggregateBucket> buckets = List.of();
        if (writer.itemCount() < EnvelopeWriter.MAX_SESSION_ITEMS) {
            buckets = aggregator.take(stopping);
            if (buckets.size() > EnvelopeWriter.MAX_SESSION_ITEMS) {
                aggregator.restore(buckets.subList(EnvelopeWriter.MAX_SESSION_ITEMS, buckets.size()));
                buckets = buckets.subList(0, EnvelopeWriter.MAX_SESSION_ITEMS);
            }
            if (!buckets.isEmpty()) {
                writer.aggregates(options.release(), options.environment(), buckets);
            }
        }
        if (writer.itemCount() == 0) {
            return true;
        }
        Map<DiscardReason, Long> report = discards.takeUnreported();
        if (!report.isEmpty()) {
            writer.clientReport(now, report);
        }
        long aggregated = buckets.stream().mapToLong(AggregateBucket::total).sum();
        return deliver(writer.toByteArray(), written, buckets, aggregated, report);
    }

    private boolean deliver(byte[] envelope, List<SessionUpdate> written, List<AggregateBucket> buckets,
            long aggregated, Map<DiscardReason, Long> report) {
        Transport.Response response;
        try {
            response = transport.send(envelope);
        } catch (IOException | RuntimeException e) {
            warn.log("network", "sessionhealth: the ingest could not be reached; will retry: " + e);
            for (int i = written.size() - 1; i >= 0; i--) {
                requeueFront(written.get(i));
            }
            aggregator.restore(buckets);
            discards.restoreUnreported(report);
            backoffMillis = backoffMillis == 0 ? 1_000 : Math.min(MAX_BACKOFF_MILLIS, backoffMillis * 2);
            retryAtNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(backoffMillis);
            return false;
        }
        backoffMillis = 0;
        retryAtNanos = 0;
        rateLimits.update(response, clock.millis());
        if (response.isSuccess()) {
            sent.add(written.size());
            return true;
        }
        written.forEach(this::dropInit);
        if (response.status() == 429) {
            // the ingest counted these itself: do not report them again
            discards.addReported(DiscardReason.RATELIMIT_BACKOFF, written.size() + aggregated);
        } else {
            warn.log("status" + response.status(), "sessionhealth: the ingest answered HTTP " + response.status()
                    + "; " + written.size() + " session updates dropped");
            discards.add(DiscardReason.SEND_ERROR, written.size() + aggregated);
        }
        return true;
    }

    private List<SessionUpdate> takePending(int max) {
        List<SessionUpdate> out = new ArrayList<>(Math.min(max, pending.size()));
        Iterator<SessionUpdate> it = pending.values().iterator();
        while (it.hasNext() && out.size() < max) {
            out.add(it.next());
            it.remove();
        }
        if (!pending.isEmpty()) {
            firstPendingNanos = System.nanoTime() - options.flushInterval().toNanos();
        }
        return out;
    }

    private void requeueFront(SessionUpdate u) {
        LinkedHashMap<SessionState, SessionUpdate> rest = new LinkedHashMap<>(pending);
        pending.clear();
        pending.put(u.state(), u);
        rest.forEach((state, later) -> pending.merge(state, later, SessionUpdate::mergeLater));
    }

    /** Renders, validates and passes the update through the hook; {@code null} if it must not be sent. */
    private Session prepare(SessionUpdate u, Instant now) {
        Session s = renderer.render(u);
        String problem = IngestRules.releaseProblem(s.release());
        if (problem == null && !IngestRules.inTimeWindow(s.started(), s.timestamp(), now)) {
            problem = "is outside the time window the ingest accepts";
        }
        if (problem != null) {
            warn.log("invalid", "sessionhealth: a session update was not sent: its release or time " + problem);
            discards.add(DiscardReason.INVALID, 1);
            return null;
        }
        if (beforeSend == null) {
            return s;
        }
        try {
            Session changed = beforeSend.apply(s);
            if (changed == null) {
                dropInit(u);
                discards.add(DiscardReason.BEFORE_SEND, 1);
                return null;
            }
            return new Session(s.sid(), changed.did(), s.init(), s.seq(), s.started(), s.timestamp(), s.duration(),
                    s.status(), s.errors(), s.release(), s.environment(), changed.userAgent(),
                    changed.ipAddress(), s.user());
        } catch (RuntimeException e) {
            warn.log("beforeSend", "sessionhealth: the beforeSend hook threw; the update was dropped", e);
            dropInit(u);
            discards.add(DiscardReason.BEFORE_SEND, 1);
            return null;
        }
    }

    private void dropInit(SessionUpdate u) {
        if (u.init()) {
            u.state().initLost();
        }
    }
}
