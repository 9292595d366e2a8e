package dev.sessionhealth.internal.session;

import java.time.Instant;

/** One minute of request-mode sessions, each counted once by precedence crashed > abnormal > errored > exited. */
public record AggregateBucket(Instant started, long exited, long errored, long abnormal, long crashed) {

    public long total() {
        return exited + errored + abnormal + crashed;
    }
}
