package dev.sessionhealth.internal;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * The tracking of one HTTP request, shared by every layer that sees it (the servlet filter, the
 * JAX-RS hook): whoever sees the request first creates it and stores it as the request attribute
 * {@link #ATTRIBUTE}; later layers find it there and neither count the request again nor start
 * another session. It binds the request's user session (user mode) or none (request mode), and
 * remembers the errors recorded during the request so the request's outcome can be classified.
 */
public final class RequestTracking implements SessionBinding {

    /** The request attribute under which the first layer stores this object. */
    public static final String ATTRIBUTE = "dev.sessionhealth.RequestTracking";

    private final SessionTracker tracker;
    private final SessionBinding session;
    private static final AtomicIntegerFieldUpdater<RequestTracking> HANDLED =
            AtomicIntegerFieldUpdater.newUpdater(RequestTracking.class, "handledErrors");

    private volatile int handledErrors;
    private volatile boolean unhandled;

    /**
     * @param session the user session binding in user mode, or {@code null} in request mode
     */
    public RequestTracking(SessionTracker tracker, SessionBinding session) {
        this.tracker = tracker;
        this.session = session;
    }

    /** Records an error of this request, on the user session too (user mode). */
    @Override
    public void recordError(SessionTracker ignored, boolean handled) {
        if (handled) {
            HANDLED.incrementAndGet(this);
        } else {
            if (unhandled) {
                return; // one request crashes its session once
            }
            unhandled = true;
        }
        SessionState state = current();
        if (state != null) {
            tracker.recordError(state, handled);
        }
    }

    public boolean hasUnhandledError() {
        return unhandled;
    }

    public int handledErrors() {
        return handledErrors;
    }

    /** How this request ended, for request-mode aggregation. */
    public RequestAggregator.Outcome outcome() {
        if (unhandled) {
            return RequestAggregator.Outcome.CRASHED;
        }
        return handledErrors > 0 ? RequestAggregator.Outcome.ERRORED : RequestAggregator.Outcome.EXITED;
    }

    @Override
    public SessionState current() {
        return session == null ? null : session.current();
    }

    @Override
    public void replace(SessionState next) {
        if (session != null) {
            session.replace(next);
        }
    }

    @Override
    public String userAgent() {
        return session == null ? null : session.userAgent();
    }

    @Override
    public String ipAddress() {
        return session == null ? null : session.ipAddress();
    }
}
