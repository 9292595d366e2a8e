package dev.sessionhealth.cdi.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicBoolean;

/** Logs a failure of our own code on the request path: a warning the first time, then debug. */
final class FailureLog {

    private static final Logger LOG = System.getLogger("dev.sessionhealth.cdi");

    private final AtomicBoolean warned = new AtomicBoolean();

    void log(String where, RuntimeException e) {
        Level level = warned.compareAndSet(false, true) ? Level.WARNING : Level.DEBUG;
        LOG.log(level, "sessionhealth: tracking failed at " + where + "; the request is not affected", e);
    }
}
