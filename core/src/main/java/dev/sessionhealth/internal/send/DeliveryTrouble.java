package dev.sessionhealth.internal.send;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Tells the operator when delivery gets into trouble and when it is over: one warning when the
 * ingest first fails (what failed, what waits where, when the next attempt is), one line when it
 * accepts again (how long it lasted, on the sender's monotonic ticker, and how many attempts
 * failed); each failure in between at debug level. Sender thread only.
 */
final class DeliveryTrouble {

    private final Logger log;
    private final LongSupplier nanoTime;
    private long sinceNanos;
    private int failedAttempts;
    private boolean inTrouble;

    DeliveryTrouble(Logger log, LongSupplier nanoTime) {
        this.log = log;
        this.nanoTime = nanoTime;
    }

    /**
     * Notes a failed attempt.
     *
     * @param what what happened, for example "answered HTTP 503" or "could not be reached: …"
     * @param inMemory updates waiting in memory
     * @param onDisk updates waiting on disk (journal and outbox)
     * @param nextAttemptMillis when the next attempt is made
     */
    void failed(String what, long inMemory, long onDisk, long nextAttemptMillis) {
        failedAttempts++;
        Level level = inTrouble ? Level.DEBUG : Level.WARNING;
        if (!inTrouble) {
            inTrouble = true;
            sinceNanos = nanoTime.getAsLong();
        }
        if (log.isLoggable(level)) {
            log.log(level, String.format(Locale.ROOT, "sessionhealth: the ingest %s; %d session updates wait in "
                    + "memory and %d on disk; next attempt in %.1f s", what, inMemory, onDisk,
                    nextAttemptMillis / 1000.0));
        }
    }

    /** The ingest answered: the trouble, if any, is over. */
    void over() {
        if (!inTrouble) {
            return;
        }
        inTrouble = false;
        long seconds = TimeUnit.NANOSECONDS.toSeconds(nanoTime.getAsLong() - sinceNanos);
        log.log(Level.WARNING, "sessionhealth: the ingest accepts envelopes again after " + failedAttempts
                + " failed attempts over " + seconds + " s; what waited is being sent");
        failedAttempts = 0;
    }

    boolean inTrouble() {
        return inTrouble;
    }
}
