package dev.sessionhealth.examples.dashboard;

import dev.sessionhealth.DiscardReason;
import dev.sessionhealth.SessionManager;
import dev.sessionhealth.SessionStats;
import java.util.Collection;
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

    /** The counters of several managers (the nodes of a cluster) added up. */
    public static LibraryStats of(Collection<SessionStats> nodes) {
        LibraryStats sum = new LibraryStats(0, 0, 0, 0, Map.of(), 0, 0, 0, 0, 0, 0);
        for (SessionStats node : nodes) {
            LibraryStats n = of(node);
            Map<String, Long> discarded = new TreeMap<>(sum.discarded);
            n.discarded.forEach((reason, count) -> discarded.merge(reason, count, Long::sum));
            sum = new LibraryStats(sum.started + n.started, sum.recorded + n.recorded, sum.sent + n.sent,
                    sum.pending + n.pending, discarded, sum.discardedTotal + n.discardedTotal,
                    sum.unconfirmed + n.unconfirmed, sum.unconfirmedEnvelopes + n.unconfirmedEnvelopes,
                    sum.storageFailures + n.storageFailures, sum.aggregatedRequests + n.aggregatedRequests,
                    sum.accountedFor + n.accountedFor);
        }
        return sum;
    }

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
