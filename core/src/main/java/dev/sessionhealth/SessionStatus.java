package dev.sessionhealth;

import java.util.Locale;

/** The status of a session as it appears on the wire. Only {@link #OK} is not terminal. */
public enum SessionStatus {
    /** The session is running. */
    OK,
    /** The session ended cleanly (logout, inactivity, maximum duration, shutdown). */
    EXITED,
    /** An error escaped the application during the session. */
    CRASHED,
    /** The fate of the session is unknown: the process died while it was open. */
    ABNORMAL,
    /**
     * An unhandled error that did not take the process down. Sent instead of {@link #CRASHED} only
     * when {@code SessionOptions.Builder.reportUnhandled(true)}: Sentry servers before 25.9 reject it.
     */
    UNHANDLED;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    /** The value of the {@code status} field. */
    public String wireName() {
        return wireName;
    }

    /** Whether nothing more may be sent for a session once it carries this status. */
    public boolean isTerminal() {
        return this != OK;
    }
}
