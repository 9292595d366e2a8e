package dev.sessionhealth.examples.receiver;

import java.time.Instant;
import java.util.List;

/**
 * One {@code sessions} payload (request mode): per-minute counters for one release and environment.
 *
 * @param release the release
 * @param environment the environment, or {@code null}
 * @param buckets the counters by minute
 */
public record AggregateItem(String release, String environment, List<Bucket> buckets) {

    public AggregateItem {
        buckets = List.copyOf(buckets);
    }

    /** Sessions that started in one minute, by how they ended. */
    public record Bucket(Instant started, long exited, long errored, long crashed, long abnormal) {
        public long total() {
            return exited + errored + crashed + abnormal;
        }
    }

    public long total() {
        return buckets.stream().mapToLong(Bucket::total).sum();
    }
}
