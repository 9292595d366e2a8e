package dev.sessionhealth.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Logs each kind of failure once as a warning, and every later time at debug level. */
public final class WarnOnce {

    private final Logger logger;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    public WarnOnce(Logger logger) {
        this.logger = logger;
    }

    public void log(String kind, String message, Throwable cause) {
        Level level = seen.add(kind) ? Level.WARNING : Level.DEBUG;
        if (logger.isLoggable(level)) {
            logger.log(level, message, cause);
        }
    }

    public void log(String kind, String message) {
        log(kind, message, null);
    }
}
