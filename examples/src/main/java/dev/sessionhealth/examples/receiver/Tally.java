package dev.sessionhealth.examples.receiver;

import java.util.HashSet;
import java.util.Set;

/** Adds sessions and aggregate buckets up into {@link HealthCounts}. */
final class Tally {

    private long live;
    private long exited;
    private long errored;
    private long crashed;
    private long abnormal;
    private double exitedSeconds;
    private long exitedWithDuration;
    private final Set<String> users = new HashSet<>();
    private final Set<String> crashedUsers = new HashSet<>();
    private final Set<String> activeUsers = new HashSet<>();

    void add(TrackedSession session) {
        TrackedSession.Outcome outcome = session.outcome();
        String did = session.latest().did();
        switch (outcome) {
            case LIVE -> live++;
            case EXITED -> exited++;
            case ERRORED -> errored++;
            case CRASHED -> crashed++;
            case ABNORMAL -> abnormal++;
        }
        if ("exited".equals(session.latest().status())) {
            exitedSeconds += session.latest().durationSeconds();
            exitedWithDuration++;
        }
        if (did != null) {
            users.add(did);
            if (outcome == TrackedSession.Outcome.CRASHED) {
                crashedUsers.add(did);
            }
            if (outcome == TrackedSession.Outcome.LIVE) {
                activeUsers.add(did);
            }
        }
    }

    void add(AggregateItem.Bucket bucket) {
        exited += bucket.exited();
        errored += bucket.errored();
        crashed += bucket.crashed();
        abnormal += bucket.abnormal();
    }

    HealthCounts counts() {
        long started = live + exited + errored + crashed + abnormal;
        return new HealthCounts(started, live, exited, errored, crashed, abnormal,
                percentWithout(crashed, started), users.size(),
                percentWithout(crashedUsers.size(), users.size()), activeUsers.size(),
                exitedWithDuration == 0 ? null : exitedSeconds / exitedWithDuration);
    }

    private static Double percentWithout(long bad, long total) {
        return total == 0 ? null : 100.0 * (total - bad) / total;
    }
}
