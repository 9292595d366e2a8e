package dev.sessionhealth.examples.receiver;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything the dashboard shows, computed at one instant.
 *
 * @param generatedAt the receiver's clock when computed
 * @param totals all releases together
 * @param releases per release and environment, newest first
 * @param minutes the last minutes, oldest first, by the minute sessions started
 * @param latest the latest items, newest first
 * @param accepted items accepted so far
 * @param rejected items (and whole envelopes) rejected so far
 * @param waitingForInit session updates that arrived before their session's {@code init:true} and
 *     wait for it (neither accepted nor rejected yet)
 * @param rejectedByReason rejected items by reason
 * @param clientDiscards what SDKs reported they dropped (client reports), by reason
 */
public record HealthStats(Instant generatedAt, HealthCounts totals, List<ReleaseHealth> releases,
        List<MinuteHealth> minutes, List<ReceivedUpdate> latest, long accepted, long rejected,
        long waitingForInit, Map<String, Long> rejectedByReason, Map<String, Long> clientDiscards) {
}
