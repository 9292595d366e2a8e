package dev.sessionhealth;

import java.util.Map;
import java.util.Objects;

/**
 * Counters since the manager started, so that an operator can check that the numbers add up:
 * {@code recorded = sent + unconfirmed + pending + sum(discarded)} once the queue is idle.
 *
 * @param started sessions started
 * @param recorded session updates handed to the sender (each start, error update and end)
 * @param sent session updates the ingest accepted (HTTP 2xx)
 * @param pending session updates waiting in the queue or in a batch being sent, in memory or on disk
 * @param discarded updates not delivered, by reason
 * @param aggregatedRequests requests counted into per-minute aggregates (request mode)
 * @param unconfirmed session updates in envelopes that were sent without an answer (a timeout): the
 *     ingest may or may not have them; they are not sent again, so no start or end counts twice
 * @param unconfirmedEnvelopes envelopes sent without an answer
 * @param storageFailures problems with the state directory (a journal or outbox write or read that
 *     failed, an unreadable journal line); each kind is logged once
 * @param ended sessions this manager ended, by the status they ended with (the one their last update
 *     carries, whether or not it was delivered): a session that exited after handled errors counts as
 *     {@link SessionStatus#EXITED}. The keys {@code EXITED},
 *     {@code CRASHED} and {@code ABNORMAL} are always present (zero if none), {@code UNHANDLED} too
 *     when the manager reports unhandled errors as such. Sessions a previous process left open, sent
 *     as {@code abnormal} from the journal at start-up, are not counted: this process did not end them
 * @param errors errors recorded in open sessions, handled and unhandled (not those recorded after a
 *     session ended, which change nothing)
 * @param open sessions open now: those of the integrations (cookies, HTTP sessions) and the
 *     manager's own
 * @param stored session updates kept in the state directory rather than in memory (the outbox, and
 *     ended sessions evicted to the journal until they are read back); part of {@code pending}
 * @param delivery what delivery is doing now
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
        long storageFailures,
        Map<SessionStatus, Long> ended,
        long errors,
        long open,
        long stored,
        Delivery delivery) {

    public SessionStats {
        discarded = Map.copyOf(discarded);
        ended = Map.copyOf(ended);
        Objects.requireNonNull(delivery, "delivery");
    }

    /** All updates discarded, whatever the reason. */
    public long discardedTotal() {
        return discarded.values().stream().mapToLong(Long::longValue).sum();
    }

    /** What the sender is doing about the ingest. */
    public enum Delivery {
        /** Sending as updates come (or idle with nothing to send). */
        DELIVERING,
        /**
         * The last attempt failed (an HTTP 5xx, no connection, no answer): the sender waits, longer
         * after each failure, and tries again; until an attempt is answered.
         */
        BACKING_OFF,
        /**
         * The ingest limits sessions (an HTTP 429, or an {@code X-Sentry-Rate-Limits} header): nothing
         * is sent, and nothing dropped, until the limit ends.
         */
        RATE_LIMITED,
        /** The manager tracks nothing (disabled or misconfigured). */
        DISABLED
    }
}
