package dev.sessionhealth.internal;

import dev.sessionhealth.SessionContext;
import dev.sessionhealth.internal.session.RequestAggregator;
import dev.sessionhealth.internal.session.SessionState;
import dev.sessionhealth.internal.session.SessionStore;
import dev.sessionhealth.internal.session.SessionTracker;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * The tracking of one HTTP request, shared by every layer that sees it (the servlet filter, the
 * JAX-RS hook): whoever sees the request first creates it and stores it as the request attribute
 * {@link #ATTRIBUTE}; later layers find it there and neither count the request again nor start
 * another session. It binds the request's user session (user mode) or none (request mode), and
 * remembers the errors recorded during the request so the request's outcome can be classified.
 *
 * <p>A request thread reuses one for its next request once the servlet filter released it after a
 * request that stayed synchronous ({@link RequestSessions#release}); an asynchronous request keeps
 * its own for as long as its async work runs.
 */
public final class RequestTracking implements SessionBinding {

    /** The request attribute under which the first layer stores this object. */
    public static final String ATTRIBUTE = "dev.sessionhealth.RequestTracking";

    private static final AtomicIntegerFieldUpdater<RequestTracking> HANDLED =
            AtomicIntegerFieldUpdater.newUpdater(RequestTracking.class, "handledErrors");

    private final SessionTracker tracker;
    /** Where the user session lives: the registry, under {@link #key} (user mode); no key in request mode. */
    private final SessionStore registry;
    /**
     * The thread that may lend it to its next request once this one is over and
     * {@linkplain RequestSessions#release released}; {@code null}: one request's only.
     */
    final Thread owner;
    /** Lent to a request of its owner thread and not released yet (read and written by the owner only). */
    boolean lent;
    /**
     * Something that may outlive the request holds it (a request-scoped bean, which context
     * propagation can carry into a task that runs on after the request): it is never lent again, so
     * such a late call still lands in this request's session, not in the next request's.
     */
    volatile boolean kept;

    // set when lent, on the owner thread, before the request's code or anybody else sees it
    private Object key;
    private String userAgent;
    private String ipAddress;

    private volatile int handledErrors;
    private volatile boolean unhandled;
    /** Whether the session it opened was new: {@link RequestSessions#finish} then announces it (request thread only). */
    boolean announceAtFinish;

    /** A request with no user session: request mode, or a request nobody tracks. */
    public RequestTracking(SessionTracker tracker) {
        this(tracker, null, null, null, null);
    }

    /**
     * A request of the user session under {@code key} in {@code registry} (it is its own binding
     * rather than wrapping one: one object per request, or none when a thread's is lent again).
     *
     * @param userAgent the client's user agent, for a session started during the request
     * @param ipAddress the client's address, for a session started during the request
     */
    public RequestTracking(SessionTracker tracker, SessionStore registry, Object key, String userAgent,
            String ipAddress) {
        this.tracker = tracker;
        this.registry = registry;
        this.owner = null;
        this.key = key;
        this.userAgent = userAgent;
        this.ipAddress = ipAddress;
    }

    /** A tracking that {@code owner} lends to one request after another ({@link RequestSessions}). */
    RequestTracking(SessionTracker tracker, SessionStore registry, Thread owner) {
        this.tracker = tracker;
        this.registry = registry;
        this.owner = owner;
    }

    /**
     * Makes it the tracking of a new request of its owner thread: of the session under {@code key}
     * (user mode) or of none ({@code null}: request mode), with no errors. The counters are written
     * only when the previous request left them set.
     */
    void lend(Object key, String userAgent, String ipAddress) {
        this.key = key;
        this.userAgent = userAgent;
        this.ipAddress = ipAddress;
        if (handledErrors != 0) {
            handledErrors = 0;
        }
        if (unhandled) {
            unhandled = false;
        }
        announceAtFinish = false;
        lent = true;
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
            registry.recordError(key, state, handled);
        }
    }

    @Override
    public SessionState announce(SessionTracker ignored, SessionState state) {
        return key == null ? SessionBinding.super.announce(tracker, state) : registry.announce(key, state);
    }

    @Override
    public void end(SessionTracker ignored, SessionState state) {
        if (key == null) {
            SessionBinding.super.end(tracker, state);
        } else {
            registry.endNow(key, state, dev.sessionhealth.SessionStatus.EXITED);
        }
    }

    /** The registry key of the request's user session, or {@code null} when it has none (request mode). */
    public Object key() {
        return key;
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
        return key == null ? null : registry.get(key);
    }

    /** {@code startSession} during the request: the registry swaps the key's session. */
    @Override
    public SessionState restart(SessionTracker ignored, SessionContext context) {
        if (key == null) { // request mode: a session of its own that no later request finds
            SessionState next = tracker.create(context, userAgent, ipAddress);
            tracker.announce(next);
            return next;
        }
        return registry.restart(key, context, userAgent, ipAddress, state -> true);
    }

    @Override
    public String userAgent() {
        return userAgent;
    }

    @Override
    public String ipAddress() {
        return ipAddress;
    }

    /** Marks it as held by something that may outlive its request: it is never lent to a later request. */
    public RequestTracking keep() {
        kept = true;
        return this;
    }
}
