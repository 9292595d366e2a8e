package dev.sessionhealth.examples.receiver;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Adds the board's sessions and buckets up: in total, per release, and per minute. */
final class StatsCalculator {

    private record ReleaseKey(String release, String environment) {
    }

    private final Instant firstMinute;
    private final int minutes;
    private final Tally total = new Tally();
    private final Map<ReleaseKey, Tally> byRelease = new HashMap<>();
    private final Map<ReleaseKey, Instant> lastStarted = new HashMap<>();
    private final Tally[] byMinute;

    StatsCalculator(Instant now, int minutes) {
        this.minutes = minutes;
        this.firstMinute = now.truncatedTo(ChronoUnit.MINUTES).minus(minutes - 1L, ChronoUnit.MINUTES);
        this.byMinute = new Tally[minutes];
        for (int i = 0; i < minutes; i++) {
            byMinute[i] = new Tally();
        }
    }

    void add(TrackedSession session) {
        SessionItem s = session.latest();
        total.add(session);
        release(s.release(), s.environment(), s.started()).add(session);
        Tally minute = minute(s.started());
        if (minute != null) {
            minute.add(session);
        }
    }

    void add(AggregateItem item) {
        for (AggregateItem.Bucket bucket : item.buckets()) {
            total.add(bucket);
            release(item.release(), item.environment(), bucket.started()).add(bucket);
            Tally minute = minute(bucket.started());
            if (minute != null) {
                minute.add(bucket);
            }
        }
    }

    HealthCounts totals() {
        return total.counts();
    }

    /** Releases whose sessions started most recently first. */
    List<ReleaseHealth> releases() {
        List<ReleaseHealth> rows = new ArrayList<>();
        byRelease.forEach((key, tally) -> rows.add(new ReleaseHealth(key.release(), key.environment(), tally.counts())));
        rows.sort(Comparator.comparing((ReleaseHealth r) -> lastStarted.get(new ReleaseKey(r.release(), r.environment())))
                .reversed().thenComparing(ReleaseHealth::release));
        return rows;
    }

    List<MinuteHealth> minutes() {
        List<MinuteHealth> rows = new ArrayList<>(minutes);
        for (int i = 0; i < minutes; i++) {
            rows.add(MinuteHealth.of(firstMinute.plus(i, ChronoUnit.MINUTES), byMinute[i].counts()));
        }
        return rows;
    }

    private Tally release(String release, String environment, Instant started) {
        ReleaseKey key = new ReleaseKey(release, environment);
        lastStarted.merge(key, started, (a, b) -> a.isAfter(b) ? a : b);
        return byRelease.computeIfAbsent(key, k -> new Tally());
    }

    private Tally minute(Instant started) {
        long index = ChronoUnit.MINUTES.between(firstMinute, started.truncatedTo(ChronoUnit.MINUTES));
        return index < 0 || index >= minutes ? null : byMinute[(int) index];
    }
}
