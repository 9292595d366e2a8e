package dev.sessionhealth.internal;

import java.time.Instant;

/** One minute of request-mode sessions, each counted once by precedence crashed > abnormal > errored > exited. */
record AggregateBucket(Instant started, long exited, long errored, long abnormal, long crashed) {

    long total() {
        return exited + errored + abnormal + crashed;
    }
}
