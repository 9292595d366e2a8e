package dev.sessionhealth.internal;

import dev.sessionhealth.DiscardReason;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts discarded session updates by reason: totals for {@link dev.sessionhealth.SessionStats},
 * and what is not yet reported for the next client report.
 */
public final class DiscardCounters {

    private static final DiscardReason[] REASONS = DiscardReason.values();

    private final LongAdder[] totals = new LongAdder[REASONS.length];
    private final AtomicLongArray unreported = new AtomicLongArray(REASONS.length);

    public DiscardCounters() {
        for (int i = 0; i < totals.length; i++) {
            totals[i] = new LongAdder();
        }
    }

    public void add(DiscardReason reason, long quantity) {
        if (quantity <= 0) {
            return;
        }
        totals[reason.ordinal()].add(quantity);
        unreported.addAndGet(reason.ordinal(), quantity);
    }

    /**
     * Tells the ingest in the next client report, without counting a discard here: updates whose
     * delivery is unconfirmed (counted apart in the stats).
     */
    public void reportOnly(DiscardReason reason, long quantity) {
        if (quantity > 0) {
            unreported.addAndGet(reason.ordinal(), quantity);
        }
    }

    public Map<DiscardReason, Long> totals() {
        Map<DiscardReason, Long> out = new EnumMap<>(DiscardReason.class);
        for (DiscardReason r : REASONS) {
            long n = totals[r.ordinal()].sum();
            if (n > 0) {
                out.put(r, n);
            }
        }
        return out;
    }

    /** Takes what was not reported yet, resetting it; empty when nothing new was dropped. */
    public Map<DiscardReason, Long> takeUnreported() {
        Map<DiscardReason, Long> out = new EnumMap<>(DiscardReason.class);
        for (DiscardReason r : REASONS) {
            long n = unreported.getAndSet(r.ordinal(), 0);
            if (n > 0) {
                out.put(r, n);
            }
        }
        return out;
    }

    /** Whether something was dropped that no client report carried yet. */
    public boolean hasUnreported() {
        for (int i = 0; i < REASONS.length; i++) {
            if (unreported.get(i) > 0) {
                return true;
            }
        }
        return false;
    }

    /** Puts back a report that could not be delivered, so it rides with the next envelope. */
    public void restoreUnreported(Map<DiscardReason, Long> report) {
        report.forEach((r, n) -> unreported.addAndGet(r.ordinal(), n));
    }
}
