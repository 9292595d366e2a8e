package dev.sessionhealth.examples.receiver;

/**
 * Release-health numbers for one release, or for all of them. Every started session is in exactly
 * one of live, exited, errored, crashed and abnormal.
 *
 * @param started sessions counted (sent with {@code init:true}, plus aggregated ones)
 * @param live sessions still open
 * @param exited sessions that ended cleanly without errors
 * @param errored sessions that ended with errors but did not crash
 * @param crashed sessions that crashed
 * @param abnormal sessions whose fate is unknown
 * @param crashFreeSessions percent of sessions that did not crash, or {@code null} without sessions
 * @param users distinct users ({@code did}) among the sessions
 * @param crashFreeUsers percent of users without a crashed session, or {@code null} without users
 * @param activeUsers distinct users with a live session
 * @param averageDurationSeconds mean duration of exited sessions, or {@code null} when none ended
 */
public record HealthCounts(long started, long live, long exited, long errored, long crashed, long abnormal,
        Double crashFreeSessions, long users, Double crashFreeUsers, long activeUsers,
        Double averageDurationSeconds) {
}
