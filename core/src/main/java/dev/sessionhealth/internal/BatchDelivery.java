package dev.sessionhealth.internal;

import dev.sessionhealth.DiscardReason;
import dev.sessionhealth.Session;
import dev.sessionhealth.SessionOptions;
import dev.sessionhealth.Transport;
import java.io.IOException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;

/**
 * Cuts pending updates, finished aggregates and the client report into envelopes of at most 100
 * session items, sends them, and acts on the answer as the protocol says: rate limits from every
 * response, 429 dropped (the ingest counted it), other errors dropped and counted
 * {@code send_error}, network failures retried after a {@link Backoff}. With an {@link Outbox}, what
 * cannot be delivered now (network failure, 5xx, shutdown) goes to disk and is delivered first, in
 * order, once the ingest answers again; without one, it waits in memory. Sender thread only.
 */
final class BatchDelivery {

    private final SessionOptions options;
    private final InstantSource clock;
    private final PendingUpdates pending;
    private final RequestAggregator aggregator;
    private final Transport transport;
    private final DiscardCounters discards;
    private final UpdatePreparation preparation;
    private final Backoff backoff;
    private final WarnOnce warn;
    private final Outbox outbox;
    private final EnvelopeWriter writer = new EnvelopeWriter(Sdk.NAME, Sdk.VERSION);
    private final RateLimits rateLimits = new RateLimits();
    private final LongAdder sent = new LongAdder();
    private long lastAttemptNanos = System.nanoTime();

    BatchDelivery(SessionOptions options, InstantSource clock, PendingUpdates pending, RequestAggregator aggregator,
            Transport transport, DiscardCounters discards, UpdatePreparation preparation, Backoff backoff,
            WarnOnce warn, Outbox outbox) {
        this.options = options;
        this.clock = clock;
        this.pending = pending;
        this.aggregator = aggregator;
        this.transport = transport;
        this.discards = discards;
        this.preparation = preparation;
        this.backoff = backoff;
        this.warn = warn;
        this.outbox = outbox;
    }

    /** Session updates kept on disk for later delivery. */
    long storedCount() {
        return outbox == null ? 0 : outbox.storedSessions();
    }

    long sentCount() {
        return sent.sum();
    }

    /**
     * Sends what is due. With {@code force} every pending update and any unreported discards go now;
     * with {@code all} the current minute's aggregates too (shutdown). Stops early on a network
     * failure, a new rate limit, or when {@code cancelled} says so.
     */
    void sendDue(boolean force, boolean all, BooleanSupplier cancelled) {
        if (backoff.active() || !drainOutbox(cancelled)) {
            return;
        }
        boolean reportDue = discards.hasUnreported()
                && (force || System.nanoTime() - lastAttemptNanos >= options.flushInterval().toNanos());
        if (!sessionsDue(force) && !aggregator.hasReady(all) && !reportDue) {
            return;
        }
        if (limited()) {
            return;
        }
        while ((!pending.isEmpty() || aggregator.hasReady(all)) && !cancelled.getAsBoolean()) {
            if (!sendOneEnvelope(all) || limited()) {
                return;
            }
        }
        if (reportDue && discards.hasUnreported() && !cancelled.getAsBoolean()) {
            sendOneEnvelope(all); // a client report on its own
        }
    }

    /** Milliseconds until {@link #sendDue} has something to do without being forced. */
    long millisUntilDue(long maxMillis) {
        if (pending.isEmpty() && !discards.hasUnreported() && storedCount() == 0
                || !rateLimits.sessionsAllowed(clock.millis())) {
            return maxMillis; // nothing to send, or nothing may be sent: the next tick looks again
        }
        if (backoff.active()) {
            return Math.min(maxMillis, backoff.millisLeft());
        }
        if (storedCount() > 0) {
            return 0;
        }
        long oldest = pending.isEmpty() ? lastAttemptNanos : pending.oldestNanos();
        long left = oldest + options.flushInterval().toNanos() - System.nanoTime();
        return Math.min(maxMillis, Math.max(0, TimeUnit.NANOSECONDS.toMillis(left)));
    }

    boolean backingOff() {
        return backoff.active();
    }

    long backoffMillisLeft() {
        return backoff.millisLeft();
    }

    /** Forgets the backoff, for the last attempt on shutdown. */
    void resetBackoff() {
        backoff.reset();
    }

    private boolean sessionsDue(boolean force) {
        return !pending.isEmpty() && (force || pending.size() >= EnvelopeWriter.MAX_SESSION_ITEMS
                || System.nanoTime() - pending.oldestNanos() >= options.flushInterval().toNanos());
    }

    /** While sessions are rate limited, everything that would be sent is dropped and counted. */
    private boolean limited() {
        if (rateLimits.sessionsAllowed(clock.millis())) {
            return false;
        }
        pending.dropAll(DiscardReason.RATELIMIT_BACKOFF);
        List<AggregateBucket> buckets = aggregator.take(false);
        discards.add(DiscardReason.RATELIMIT_BACKOFF, buckets.stream().mapToLong(AggregateBucket::total).sum());
        return true;
    }

    /** Sends one envelope; returns false when sending should pause (network failure). */
    private boolean sendOneEnvelope(boolean all) {
        Batch batch = nextBatch(all);
        return batch == null || deliver(writer.toByteArray(), batch);
    }

    /**
     * The pending updates reached their bound (a long outage, or an ingest slower than the traffic):
     * the oldest envelope's worth goes to the outbox, which is drained before anything newer is
     * sent. Without an outbox, or if the disk fails, nothing happens here and the oldest update is
     * dropped in memory as before.
     */
    void spill() {
        if (outbox != null) {
            Batch batch = nextBatch(false);
            if (batch != null) {
                store(batch);
            }
        }
    }

    /**
     * Shutdown: what could not be sent goes to the outbox, so the next start delivers it. Without an
     * outbox it stays pending (and is counted as dropped by the caller).
     */
    void storeRemaining() {
        if (outbox == null) {
            return;
        }
        while (!pending.isEmpty() || aggregator.hasReady(true) || discards.hasUnreported()) {
            Batch batch = nextBatch(true);
            if (batch == null || !store(batch)) {
                return;
            }
        }
    }

    /** What one envelope carries, so its fate can be recorded once the ingest answered. */
    private record Batch(List<PendingUpdates.Entry> written, List<AggregateBucket> buckets,
            Map<DiscardReason, Long> report) {
        long sessions() {
            return PendingUpdates.countOf(written) + buckets.stream().mapToLong(AggregateBucket::total).sum();
        }
    }

    /** Writes the next envelope into {@link #writer}; {@code null} if there was nothing to write. */
    private Batch nextBatch(boolean all) {
        Instant now = clock.instant();
        List<PendingUpdates.Entry> items = pending.take(EnvelopeWriter.MAX_SESSION_ITEMS);
        if (!pending.isEmpty()) {
            pending.markDue(options.flushInterval().toNanos()); // the rest goes right after
        }
        writer.begin(now);
        List<PendingUpdates.Entry> written = new ArrayList<>(items.size());
        for (PendingUpdates.Entry e : items) {
            Session s = preparation.prepare(e, now);
            if (s != null) {
                writer.session(s);
                written.add(e);
            }
        }
        List<AggregateBucket> buckets = writer.itemCount() < EnvelopeWriter.MAX_SESSION_ITEMS
                ? takeBuckets(all) : List.of();
        if (!buckets.isEmpty()) {
            writer.aggregates(options.release(), options.environment(), buckets);
        }
        Map<DiscardReason, Long> report = discards.takeUnreported();
        if (writer.itemCount() == 0 && report.isEmpty()) {
            return null;
        }
        if (!report.isEmpty()) {
            writer.clientReport(now, report);
        }
        return new Batch(written, buckets, report);
    }

    /** Keeps the batch in {@link #writer} on disk; false (and everything put back) if that failed. */
    private boolean store(Batch batch) {
        try {
            outbox.store(writer.itemsOnly(), (int) batch.sessions());
            pending.settled(batch.written()); // counted as stored from now on
            return true;
        } catch (IOException | RuntimeException e) {
            warn.log("outbox-write", "sessionhealth: could not write to the outbox: " + e);
            putBack(batch);
            return false;
        }
    }

    private void putBack(Batch batch) {
        pending.restoreFront(batch.written());
        aggregator.restore(batch.buckets());
        discards.restoreUnreported(batch.report());
    }

    /**
     * Sends what the outbox holds, oldest first, before anything new. Returns false when sending must
     * pause (network failure, server error, rate limit); the entry then stays on disk.
     */
    private boolean drainOutbox(BooleanSupplier cancelled) {
        if (outbox == null || outbox.storedSessions() == 0) {
            return true;
        }
        try {
            for (Outbox.Entry e = outbox.oldest(); e != null; e = outbox.oldest()) {
                if (cancelled.getAsBoolean() || !rateLimits.sessionsAllowed(clock.millis())) {
                    return false;
                }
                if (!deliverStored(e)) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            warn.log("outbox-read", "sessionhealth: could not read the outbox: " + e);
            return true; // carry on with what is in memory
        }
    }

    private boolean deliverStored(Outbox.Entry e) throws IOException {
        byte[] envelope;
        try {
            envelope = writer.withItems(clock.instant(), outbox.read(e));
        } catch (IOException unreadable) {
            outbox.drop(e);
            return true;
        }
        Transport.Response response = attempt(envelope);
        if (response == null) {
            backoff.failed();
            return false;
        }
        backoff.reset();
        rateLimits.update(response, clock.millis());
        if (response.status() >= 500) {
            backoff.failed();
            return false;
        }
        outbox.remove(e);
        if (response.isSuccess()) {
            sent.add(e.sessions());
        } else if (response.status() == 429) {
            discards.addReported(DiscardReason.RATELIMIT_BACKOFF, e.sessions());
        } else {
            warn.log("status" + response.status(), "sessionhealth: the ingest answered HTTP " + response.status()
                    + "; " + e.sessions() + " stored session updates dropped");
            discards.add(DiscardReason.SEND_ERROR, e.sessions());
        }
        return true;
    }

    /**
     * Sends through the transport, turning what a broken or custom transport may do instead of
     * answering (return {@code null}, throw a {@link LinkageError} such as a class missing in an
     * application server) into an {@link IOException}: the batch is then kept and retried, never lost
     * uncounted with the sender thread's catch-all.
     */
    private Transport.Response exchange(byte[] envelope) throws IOException {
        Transport.Response response;
        try {
            response = transport.send(envelope);
        } catch (LinkageError | AssertionError e) {
            throw new IOException("the transport failed: " + e, e);
        }
        if (response == null) {
            throw new IOException("the transport returned no response");
        }
        return response;
    }

    /** At most 100 buckets: one {@code sessions} item may not hold more. */
    private List<AggregateBucket> takeBuckets(boolean all) {
        List<AggregateBucket> buckets = aggregator.take(all);
        if (buckets.size() <= EnvelopeWriter.MAX_SESSION_ITEMS) {
            return buckets;
        }
        aggregator.restore(buckets.subList(EnvelopeWriter.MAX_SESSION_ITEMS, buckets.size()));
        return buckets.subList(0, EnvelopeWriter.MAX_SESSION_ITEMS);
    }

    /** One attempt to send; {@code null} (after a warning) if the ingest could not be reached. */
    private Transport.Response attempt(byte[] envelope) {
        lastAttemptNanos = System.nanoTime();
        try {
            return exchange(envelope);
        } catch (IOException | RuntimeException e) {
            warn.log("network", "sessionhealth: the ingest could not be reached; will retry: " + e);
            return null;
        }
    }

    private boolean deliver(byte[] envelope, Batch batch) {
        List<PendingUpdates.Entry> written = batch.written();
        List<AggregateBucket> buckets = batch.buckets();
        Map<DiscardReason, Long> report = batch.report();
        Transport.Response response = attempt(envelope);
        if (response == null) {
            if (outbox == null) {
                putBack(batch);
            } else {
                store(batch); // puts the batch back into memory if the disk fails too
            }
            backoff.failed();
            return false;
        }
        backoff.reset();
        rateLimits.update(response, clock.millis());
        if (response.status() >= 500 && outbox != null) {
            warn.log("status" + response.status(), "sessionhealth: the ingest answered HTTP " + response.status()
                    + "; kept for a later attempt");
            store(batch); // or back into memory if the disk fails
            backoff.failed();
            return false;
        }
        if (response.isSuccess()) {
            pending.settled(written);
            sent.add(PendingUpdates.countOf(written));
            return true;
        }
        // the envelope is gone, and the report it carried with it: that report goes with the next one
        discards.restoreUnreported(report);
        long aggregated = buckets.stream().mapToLong(AggregateBucket::total).sum();
        if (response.status() == 429) {
            // the ingest counted these itself: do not report them again
            pending.dropReported(written, DiscardReason.RATELIMIT_BACKOFF);
            discards.addReported(DiscardReason.RATELIMIT_BACKOFF, aggregated);
        } else {
            warn.log("status" + response.status(), "sessionhealth: the ingest answered HTTP " + response.status()
                    + "; " + written.size() + " session updates dropped");
            pending.drop(written, DiscardReason.SEND_ERROR);
            discards.add(DiscardReason.SEND_ERROR, aggregated);
        }
        return true;
    }
}
