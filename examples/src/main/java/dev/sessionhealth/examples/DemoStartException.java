package dev.sessionhealth.examples;

/**
 * The demo cannot start for a reason the user can fix: its message is one line that says how, and
 * {@link #exitCode()} is what {@code ./demo} exits with.
 */
public final class DemoStartException extends Exception {

    private static final long serialVersionUID = 1L;

    /** A library option (a {@code SENTRY_*} or {@code SESSIONHEALTH_*} variable) has a bad value. */
    public static final int BAD_OPTION = 2;
    /** The address or port cannot be listened on (in use, not local, not permitted). */
    public static final int CANNOT_LISTEN = 3;

    private final int exitCode;

    DemoStartException(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
