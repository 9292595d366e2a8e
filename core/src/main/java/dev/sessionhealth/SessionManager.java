package dev.sessionhealth;

import java.time.Duration;
import java.util.Optional;

/**
 * Tracks user sessions and delivers them to a Sentry-compatible ingest.
 *
 * <p>The <em>current</em> session is the one the caller's context binds: the servlet filter and
 * the CDI module bind it to the request being served. Outside any binding, the manager keeps one
 * session of its own (useful for jobs and command-line tools). Nothing is ever global: two managers
 * in one JVM do not see each other.
 *
 * <p>Every method is safe to call from request threads: it records and enqueues, never does I/O,
 * and never throws because of a delivery problem.
 */
public interface SessionManager extends AutoCloseable {

    /** Creates a started manager from options, with the default clock, transport and threads. */
    static SessionManager create(SessionOptions options) {
        return builder(options).build();
    }

    /** A builder for a manager with its collaborators (clock, transport, thread factory, hook). */
    static SessionManagerBuilder builder(SessionOptions options) {
        return new SessionManagerBuilder(options);
    }

    /** Starts an anonymous session, ending the current one as {@code exited} first. */
    default Session startSession() {
        return startSession(SessionContext.EMPTY);
    }

    /**
     * Starts a session with this context (typically on login, with the user), ending the current
     * one as {@code exited} first. The new session is sent at once with {@code init:true}.
     *
     * @return the new session, or an unsent placeholder when tracking is disabled
     */
    Session startSession(SessionContext context);

    /** Ends the current session as {@code exited} (typically on logout) and sends it. */
    void endSession();

    /** Sends the current state of the current session without ending it. */
    default void captureSession() {
        captureSession(false);
    }

    /** Sends the current state of the current session, ending it as {@code exited} if {@code end}. */
    void captureSession(boolean end);

    /** The current session as it is now, if there is one. */
    Optional<Session> currentSession();

    /**
     * Records an error in the current session. A handled error increases {@code errors} (the session
     * counts as errored when it ends); an unhandled one also ends it as {@code crashed}.
     */
    void recordError(boolean handled);

    /** Counters of what was recorded, sent and discarded. */
    SessionStats stats();

    /** Whether this manager tracks and sends anything (false when disabled or misconfigured). */
    boolean isEnabled();

    /**
     * Waits until everything recorded so far was sent or discarded, at most {@code timeout}.
     *
     * @return true if the queue drained in time
     */
    boolean flush(Duration timeout);

    /**
     * Ends every open session as {@code exited}, flushes within the configured shutdown timeout and
     * stops the sender thread. Idempotent; later calls to other methods are ignored.
     */
    @Override
    void close();
}
