package dev.sessionhealth;

import java.util.Map;

/**
 * Counters since the manager started, so that an operator can check that the numbers add up:
 * {@code recorded = sent + pending + sum(discarded)} once the queue is idle.
 *
 * @param started sessions started
 * @param recorded session updates handed to the sender (each start, error update and end)
 * @param sent session updates the ingest accepted (HTTP 2xx)
 * @param pending session updates waiting in the queue or in a batch being sent
 * @param discarded updates not delivered, by reason
 * @param aggregatedRequests requests counted into per-minute aggregates (request mode)
 */
public record SessionStats(
        long started,
        long recorded,
        long sent,
        long pending,
        Map<DiscardReason, Long> discarded,
        long aggregatedRequests) {

    public SessionStats {
        discarded = Map.copyOf(discarded);
    }

    /** All updates discarded, whatever the reason. */
    public long discardedTotal() {
        return discarded.values().stream().mapToLong(Long::longValue).sum();
    }
}
