package dev.sessionhealth.examples.dashboard;

import dev.sessionhealth.DiscardReason;
import dev.sessionhealth.SessionManager;
import dev.sessionhealth.SessionStats;
import java.util.Map;
import java.util.TreeMap;

/**
 * The library's own counters ({@link SessionManager#stats()}) as the dashboard shows them: where
 * this demo's session updates went, whatever the ingest did with them.
 *
 * @param started sessions started
 * @param recorded session updates handed to the sender (each start, error update and end)
 * @param sent updates the ingest accepted (HTTP 2xx)
 * @param pending updates queued or in a batch being sent
 * @param discarded updates not delivered, by client-report reason ({@code network_error}, ...)
 * @param discardedTotal all of {@code discarded}
 * @param unconfirmed updates in envelopes sent without an answer
 * @param unconfirmedEnvelopes envelopes sent without an answer
 * @param storageFailures problems with the state directory
 * @param aggregatedRequests requests counted into per-minute aggregates (request mode)
 * @param accountedFor {@code sent + pending + discardedTotal + unconfirmed}: equals {@code recorded}
 *     once the queue is idle
 */
public record LibraryStats(long started, long recorded, long sent, long pending, Map<String, Long> discarded,
        long discardedTotal, long unconfirmed, long unconfirmedEnvelopes, long storageFailures,
        long aggregatedRequests, long accountedFor) {

    public static LibraryStats of(SessionStats stats) {
        Map<String, Long> byReason = new TreeMap<>();
        for (Map.Entry<DiscardReason, Long> e : stats.discarded().entrySet()) {
            if (e.getValue() > 0) {
                byReason.put(e.getKey().wireName(), e.getValue());
            }
        }
        return new LibraryStats(stats.started(), stats.recorded(), stats.sent(), stats.pending(), byReason,
                stats.discardedTotal(), stats.unconfirmed(), stats.unconfirmedEnvelopes(), stats.storageFailures(),
                stats.aggregatedRequests(),
                stats.sent() + stats.pending() + stats.discardedTotal() + stats.unconfirmed());
    }
}
