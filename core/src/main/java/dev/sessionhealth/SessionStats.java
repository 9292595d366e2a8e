package dev.sessionhealth;

import java.util.Map;

/**
 * Counters since the manager started, so that an operator can check that the numbers add up:
 * {@code recorded = sent + unconfirmed + pending + sum(discarded)} once the queue is idle.
 *
 * @param started sessions started
 * @param recorded session updates handed to the sender (each start, error update and end)
 * @param sent session updates the ingest accepted (HTTP 2xx)
 * @param pending session updates waiting in the queue or in a batch being sent
 * @param discarded updates not delivered, by reason
 * @param aggregatedRequests requests counted into per-minute aggregates (request mode)
 * @param unconfirmed session updates in envelopes that were sent without an answer (a timeout): the
 *     ingest may or may not have them; they are not sent again, so no start or end counts twice
 * @param unconfirmedEnvelopes envelopes sent without an answer
 * @param storageFailures problems with the state directory (a journal or outbox write or read that
 *     failed, an unreadable journal line); each kind is logged once
 */
public record SessionStats(
        long started,
        long recorded,
        long sent,
        long pending,
        Map<DiscardReason, Long> discarded,
        long aggregatedRequests,
        long unconfirmed,
        long unconfirmedEnvelopes,
        long storageFailures) {

    public SessionStats {
        discarded = Map.copyOf(discarded);
    }

    /** All updates discarded, whatever the reason. */
    public long discardedTotal() {
        return discarded.values().stream().mapToLong(Long::longValue).sum();
    }
}
