package dev.sessionhealth.internal.send;

import dev.sessionhealth.DiscardReason;
import dev.sessionhealth.Session;
import dev.sessionhealth.SessionOptions;
import dev.sessionhealth.Transport;
import dev.sessionhealth.internal.DiscardCounters;
import dev.sessionhealth.internal.Sdk;
import dev.sessionhealth.internal.WarnOnce;
import dev.sessionhealth.internal.session.AggregateBucket;
import dev.sessionhealth.internal.session.RequestAggregator;
import dev.sessionhealth.internal.store.DeliveryJournal;
import dev.sessionhealth.internal.store.Outbox;
import dev.sessionhealth.internal.wire.EnvelopeWriter;
import java.io.IOException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Cuts pending updates, finished aggregates and the client report into envelopes of at most 100
 * session items, sends them, and acts on the answer ({@link IngestAnswer}): what the ingest accepted
 * is settled and journaled, what it refused for now (429, 5xx, no connection) is kept and sent
 * again, after the rate limit or a backoff, and what it will never accept is given up and counted.
 * While sessions are rate limited nothing is sent and nothing is dropped: updates wait, merged per
 * session. Pending updates beyond their bound wait in the journal instead of memory. When something
 * is due (the flush interval, the backoff) is measured on the sender's monotonic ticker; session
 * times and rate limits are on the delivery clock. Sender thread only.
 */
final class BatchDelivery {

    private static final System.Logger LOG = System.getLogger(BatchDelivery.class.getName());

    private final SessionOptions options;
    private final InstantSource clock;
    private final LongSupplier nanoTime;
    private final PendingUpdates pending;
    private final RequestAggregator aggregator;
    private final Transport transport;
    private final DiscardCounters discards;
    private final UpdatePreparation preparation;
    private final Backoff backoff;
    private final WarnOnce warn;
    private final Outbox outbox;
    private final DeliveryJournal journal;
    private final DeliveryTrouble trouble;
    private final EnvelopeWriter writer = new EnvelopeWriter(Sdk.NAME, Sdk.VERSION);
    private final RateLimits rateLimits = new RateLimits();
    private final DeliveryStatus status = new DeliveryStatus();
    private final LongAdder sent = new LongAdder();
    private final LongAdder unconfirmed = new LongAdder();
    private final LongAdder unconfirmedEnvelopes = new LongAdder();
    private long lastAttemptNanos;

    /**
     * @param nanoTime the sender's monotonic ticker, the one {@code pending} measures on too
     */
    BatchDelivery(SessionOptions options, InstantSource clock, LongSupplier nanoTime, PendingUpdates pending,
            RequestAggregator aggregator, Transport transport, DiscardCounters discards,
            UpdatePreparation preparation, Backoff backoff, WarnOnce warn, Outbox outbox, DeliveryJournal journal) {
        this.options = options;
        this.clock = clock;
        this.nanoTime = nanoTime;
        this.lastAttemptNanos = nanoTime.getAsLong();
        this.trouble = new DeliveryTrouble(LOG, nanoTime);
        this.pending = pending;
        this.aggregator = aggregator;
        this.transport = transport;
        this.discards = discards;
        this.preparation = preparation;
        this.backoff = backoff;
        this.warn = warn;
        this.outbox = outbox;
        this.journal = journal;
    }

    private boolean outboxWaits() {
        return outbox != null && outbox.hasEntries();
    }

    /** Session updates kept on disk for later delivery: in the outbox, or evicted to the journal. */
    long storedCount() {
        return (outbox == null ? 0 : outbox.storedSessions()) + journal.evictedUpdates();
    }

    /** What delivery is doing now; any thread. */
    dev.sessionhealth.SessionStats.Delivery status() {
        return status.at(clock.millis());
    }

    long sentCount() {
        return sent.sum();
    }

    /** Updates in envelopes whose outcome is unknown (sent, no answer): taken as delivered, never resent. */
    long unconfirmedCount() {
        return unconfirmed.sum();
    }

    long unconfirmedEnvelopes() {
        return unconfirmedEnvelopes.sum();
    }

    /**
     * Sends what is due. With {@code force} every pending update and any unreported discards go now;
     * with {@code all} the current minute's aggregates too (shutdown). Stops early on a failure, a
     * rate limit, or when {@code cancelled} says so.
     */
    void sendDue(boolean force, boolean all, BooleanSupplier cancelled) {
        if (backoff.active(nanoTime.getAsLong()) || !sessionsAllowed() || !drainOutbox(cancelled)) {
            return;
        }
        reloadEvicted();
        boolean reportDue = discards.hasUnreported()
                && (force || nanoTime.getAsLong() - lastAttemptNanos >= options.flushInterval().toNanos());
        if (!sessionsDue(force) && !aggregator.hasReady(all) && !reportDue) {
            return;
        }
        while ((!pending.isEmpty() || aggregator.hasReady(all)) && !cancelled.getAsBoolean()) {
            if (!sendOneEnvelope(all) || !sessionsAllowed()) {
                return;
            }
            reloadEvicted();
        }
        if (reportDue && discards.hasUnreported() && !cancelled.getAsBoolean()) {
            sendOneEnvelope(all); // a client report on its own
        }
    }

    /** Milliseconds until {@link #sendDue} has something to do without being forced. */
    long millisUntilDue(long maxMillis) {
        if (pending.isEmpty() && !discards.hasUnreported() && storedCount() == 0 && !outboxWaits()
                || !sessionsAllowed()) {
            return maxMillis; // nothing to send, or nothing may be sent: the next tick looks again
        }
        long now = nanoTime.getAsLong();
        if (backoff.active(now)) {
            return Math.min(maxMillis, backoff.millisLeft(now));
        }
        if (storedCount() > 0 || outboxWaits()) {
            return 0;
        }
        long oldest = pending.isEmpty() ? lastAttemptNanos : pending.oldestNanos();
        long left = oldest + options.flushInterval().toNanos() - now;
        return Math.min(maxMillis, Math.max(0, TimeUnit.NANOSECONDS.toMillis(left)));
    }

    boolean backingOff() {
        return backoff.active(nanoTime.getAsLong());
    }

    long backoffMillisLeft() {
        return backoff.millisLeft(nanoTime.getAsLong());
    }

    /** Forgets the backoff, for the last attempt on shutdown. */
    void resetBackoff() {
        backoff.reset();
    }

    /** Whether updates wait because the ingest limits sessions now (a flush cannot send them). */
    boolean heldByRateLimit() {
        return !sessionsAllowed() && (!pending.isEmpty() || storedCount() > 0);
    }

    private boolean sessionsAllowed() {
        return rateLimits.sessionsAllowed(clock.millis());
    }

    private boolean sessionsDue(boolean force) {
        return !pending.isEmpty() && (force || pending.size() >= EnvelopeWriter.MAX_SESSION_ITEMS
                || nanoTime.getAsLong() - pending.oldestNanos() >= options.flushInterval().toNanos());
    }

    /**
     * More sessions wait than memory may hold (a long outage or rate limit, or an ingest slower than
     * the traffic): the oldest ended ones go to the journal, which has their latest state already,
     * and are read back when there is room. Without a journal they are dropped and counted. Open
     * sessions stay: their state is in memory anyway, and their next update merges with what waits.
     */
    void relieve() {
        int excess = pending.excess();
        if (excess == 0) {
            return;
        }
        List<PendingUpdates.Entry> oldest = pending.takeEnded(Math.max(excess, EnvelopeWriter.MAX_SESSION_ITEMS),
                pending.size());
        if (oldest.isEmpty()) {
            return;
        }
        if (journal.evict(oldest)) {
            pending.evicted(oldest);
        } else {
            pending.drop(oldest, sessionsAllowed() ? DiscardReason.QUEUE_OVERFLOW : DiscardReason.RATELIMIT_BACKOFF);
        }
    }

    /** Reads evicted sessions back from the journal once memory has room for them. */
    private void reloadEvicted() {
        if (journal.evictedUpdates() > 0 && pending.size() < EnvelopeWriter.MAX_SESSION_ITEMS) {
            journal.reload(pending.room()).forEach(pending::add);
        }
    }

    /** Sends one envelope; returns false when sending should pause. */
    private boolean sendOneEnvelope(boolean all) {
        Batch batch = nextBatch(all);
        return batch == null || deliver(writer.toByteArray(), batch);
    }

    /**
     * Shutdown: aggregates and an unsent client report go to the outbox, so the next start delivers
     * them. Session updates stay in the journal, which the next start reads.
     */
    void storeRemaining() {
        if (outbox == null || !(aggregator.hasReady(true) || discards.hasUnreported())) {
            return;
        }
        List<AggregateBucket> buckets = aggregator.take(true);
        Map<DiscardReason, Long> report = discards.takeUnreported();
        writer.begin(clock.instant());
        if (!buckets.isEmpty()) {
            writer.aggregates(options.release(), options.environment(), buckets);
        }
        if (!report.isEmpty()) {
            writer.clientReport(clock.instant(), report);
        }
        try {
            // aggregates are counts of requests, not session updates: the entry stands for none of those
            outbox.store(writer.itemsOnly(), 0);
        } catch (IOException | RuntimeException e) {
            warn.log("outbox-write", "sessionhealth: could not write to the outbox: " + e);
            aggregator.restore(buckets);
            discards.restoreUnreported(report);
        }
    }

    /** What one envelope carries, so its fate can be recorded once the ingest answered. */
    private record Batch(List<PendingUpdates.Entry> written, List<AggregateBucket> buckets,
            Map<DiscardReason, Long> report) {
        long aggregated() {
            return buckets.stream().mapToLong(AggregateBucket::total).sum();
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
        List<PendingUpdates.Entry> refused = new ArrayList<>();
        for (PendingUpdates.Entry e : items) {
            Session s = preparation.prepare(e, now);
            if (s != null) {
                writer.session(s);
                written.add(e);
            } else {
                refused.add(e);
            }
        }
        journal.givenUp(refused);
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

    private void putBack(Batch batch) {
        pending.restoreFront(batch.written());
        aggregator.restore(batch.buckets());
        discards.restoreUnreported(batch.report());
    }

    private boolean deliver(byte[] envelope, Batch batch) {
        Attempt attempt = attempt(envelope, batch.written().isEmpty() ? null : () -> journal.wentOut(batch.written()));
        long updates = PendingUpdates.countOf(batch.written());
        switch (attempt.answer()) {
            case ACCEPTED -> {
                pending.settled(batch.written());
                sent.add(updates);
                journal.accepted(batch.written());
            }
            case UNKNOWN -> {
                pending.settled(batch.written());
                journal.accepted(batch.written());
                unconfirmed.add(updates);
                unconfirmedEnvelopes.increment();
                discards.reportOnly(DiscardReason.NETWORK_ERROR, updates + batch.aggregated());
            }
            case REFUSED -> {
                discards.restoreUnreported(batch.report()); // the report goes with the next envelope
                warn.log("status" + attempt.response().status(), "sessionhealth: the ingest refused an envelope "
                        + "with HTTP " + attempt.response().status() + "; " + updates + " session updates dropped");
                pending.drop(batch.written(), DiscardReason.SEND_ERROR);
                journal.givenUp(batch.written());
                discards.add(DiscardReason.SEND_ERROR, batch.aggregated());
            }
            default -> { // kept: sent again after the rate limit or the backoff
                journal.kept(batch.written());
                putBack(batch);
            }
        }
        return settle(attempt);
    }

    /**
     * Sends what the outbox holds, oldest first, before anything new. Returns false when sending must
     * pause; the entry then stays on disk.
     */
    private boolean drainOutbox(BooleanSupplier cancelled) {
        if (outbox == null || !outbox.hasEntries()) {
            return true;
        }
        try {
            for (Outbox.Entry e = outbox.oldest(); e != null; e = outbox.oldest()) {
                if (cancelled.getAsBoolean() || !sessionsAllowed() || !deliverStored(e)) {
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
        byte[] items;
        try {
            items = outbox.read(e);
        } catch (IOException unreadable) {
            outbox.drop(e);
            return true;
        }
        // removed as soon as the body went out: a process killed while the ingest holds the answer
        // must not send it again at its next start (an unknown outcome, taken as delivered)
        boolean[] removed = {false};
        Attempt attempt = attempt(writer.withItems(clock.instant(), items), () -> {
            try {
                outbox.remove(e);
                removed[0] = true;
            } catch (IOException x) {
                warn.log("outbox-remove", "sessionhealth: could not remove a sent envelope from the outbox: " + x);
            }
        });
        switch (attempt.answer()) {
            case ACCEPTED -> {
                removeIfLeft(e, removed[0]);
                sent.add(e.sessions());
            }
            case UNKNOWN -> {
                removeIfLeft(e, removed[0]);
                unconfirmed.add(e.sessions());
                unconfirmedEnvelopes.increment();
                discards.reportOnly(DiscardReason.NETWORK_ERROR, e.sessions());
            }
            case REFUSED -> {
                removeIfLeft(e, removed[0]);
                warn.log("status" + attempt.response().status(), "sessionhealth: the ingest refused an envelope "
                        + "with HTTP " + attempt.response().status() + "; " + e.sessions() + " stored updates dropped");
                discards.add(DiscardReason.SEND_ERROR, e.sessions());
            }
            default -> {
                if (removed[0]) {
                    restore(items, e);
                }
            }
        }
        return settle(attempt);
    }

    /** An outbox entry removed when its body went out, then not taken (429, 5xx): back on disk, sent again later. */
    private void restore(byte[] items, Outbox.Entry e) {
        try {
            outbox.store(items, e.sessions());
        } catch (IOException | RuntimeException x) {
            warn.log("outbox-write", "sessionhealth: could not write to the outbox: " + x);
            discards.add(DiscardReason.NETWORK_ERROR, e.sessions());
        }
    }

    private void removeIfLeft(Outbox.Entry e, boolean removed) throws IOException {
        if (!removed) {
            outbox.remove(e);
        }
    }

    /**
     * Acts on an attempt's answer for the ingest as a whole: rate limits from every response, the
     * backoff, the operator's warnings. Returns whether sending may go on now.
     */
    private boolean settle(Attempt attempt) {
        Transport.Response response = attempt.response();
        if (response != null) {
            rateLimits.update(response, clock.millis());
        }
        IngestAnswer answer = attempt.answer();
        status.attempted(answer.backsOff(), rateLimits.sessionsLimitedUntil());
        if (answer.backsOff()) {
            long retryAfter = response != null && response.retryAfter() != null
                    ? RateLimits.retryAfterMillis(response.retryAfter(), clock.millis()) : 0;
            long now = nanoTime.getAsLong();
            backoff.failed(now, retryAfter);
            trouble.failed(attempt.describe(), pending.represented(), storedCount(), backoff.millisLeft(now));
            return false;
        }
        backoff.reset();
        if (answer == IngestAnswer.RATE_LIMITED) {
            trouble.failed("limits sessions (HTTP 429) until " + Instant.ofEpochMilli(rateLimits.sessionsLimitedUntil()),
                    pending.represented(), storedCount(), rateLimits.sessionsLimitedUntil() - clock.millis());
            return false;
        }
        trouble.over();
        return true;
    }

    /** One attempt and how it ended: an answer, or a failure without one. */
    private record Attempt(IngestAnswer answer, Transport.Response response, Exception failure) {
        String describe() {
            if (response != null) {
                return "answered HTTP " + response.status();
            }
            return (answer == IngestAnswer.UNKNOWN ? "did not answer after the envelope was sent (taken as "
                    + "delivered, not sent again)" : "could not be reached") + ": " + failure;
        }
    }

    /**
     * Sends through the transport, which runs {@code wentOut} (if any) once the body went out whole,
     * turning what a broken or custom transport may do instead of answering (return {@code null},
     * throw a {@link LinkageError} such as a class missing in an application server) into a failure
     * to send: kept and retried, never lost uncounted.
     */
    private Attempt attempt(byte[] envelope, Runnable wentOut) {
        lastAttemptNanos = nanoTime.getAsLong();
        // runs inside the transport's send, once the body went out: at most once, never after send
        // returned, and whatever fails in it must not turn an envelope the ingest may have into one
        // that is sent again
        boolean[] open = {true};
        Runnable once = wentOut == null ? null : () -> {
            if (open[0]) {
                open[0] = false;
                try {
                    wentOut.run();
                } catch (RuntimeException | LinkageError e) {
                    warn.log("went-out", "sessionhealth: could not note an envelope as sent: " + e);
                }
            }
        };
        try {
            Transport.Response response = once == null ? transport.send(envelope) : transport.send(envelope, once);
            if (response == null) {
                return new Attempt(IngestAnswer.NOT_SENT, null, new IOException("the transport returned no response"));
            }
            return new Attempt(IngestAnswer.of(response), response, null);
        } catch (Transport.OutcomeUnknownException e) {
            return new Attempt(IngestAnswer.UNKNOWN, null, e);
        } catch (IOException | RuntimeException | LinkageError | AssertionError e) {
            return new Attempt(IngestAnswer.NOT_SENT, null, e instanceof Exception ex ? ex : new IOException(e));
        } finally {
            open[0] = false;
        }
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
}
