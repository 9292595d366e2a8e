package dev.sessionhealth.internal;

import dev.sessionhealth.SessionContext;
import dev.sessionhealth.SessionManager;
import dev.sessionhealth.SessionStatus;
import dev.sessionhealth.User;
import dev.sessionhealth.internal.session.RequestAggregator;
import dev.sessionhealth.internal.session.SessionState;
import dev.sessionhealth.internal.session.SessionStore;
import dev.sessionhealth.internal.session.SessionTracker;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.UUID;

/**
 * The one seam between core and the integrations that map requests to sessions (the servlet filter,
 * the JAX-RS hook, the Spring Boot starter): everything they do to a session goes through here, on
 * request threads, and nothing here knows Jakarta. What a session's lifecycle means (when a
 * principal restarts a session, when a session lapsed, how a replaced session ends) is decided here
 * and in the {@link SessionStore}, once.
 *
 * <p>User modes (cookie, HTTP session) {@link #open} the session of a key for each request; request
 * mode {@link #count}s requests into per-minute aggregates. Either way the request's
 * {@link RequestTracking} is {@link #bind bound} around the application's code, errors are recorded
 * on it and it is {@link #finish finished} once.
 */
public final class RequestSessions {

    private static final Logger LOG = System.getLogger("dev.sessionhealth");
    private static final RequestSessions NONE = new RequestSessions(null);
    /** Foreign manager classes warned about: once each, not once per lookup. */
    private static final java.util.Set<Class<?>> WARNED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Slots of {@link #spares}, by thread id: a power of two, above the usual container pool (200). */
    private static final int SPARE_SLOTS = 256;

    private final DefaultSessionManager manager;
    private final SessionTracker tracker;
    private final SessionStore registry;
    private final RequestAggregator aggregator;
    /**
     * Request trackings that their owner threads lend again ({@link #lend}), in the slot of the
     * owner's id. The manager holds them, not the threads: nothing of the application stays in a
     * container thread. A slot two threads share holds the one that lent last; the other allocates.
     * Read and written without synchronization: a thread uses only a tracking it owns, and sees its
     * own writes.
     */
    private final RequestTracking[] spares;

    RequestSessions(DefaultSessionManager manager) {
        this.manager = manager;
        this.tracker = manager == null ? null : manager.tracker();
        this.registry = manager == null ? null : manager.registry();
        this.aggregator = manager == null ? null : manager.aggregator();
        this.spares = manager == null ? null : new RequestTracking[SPARE_SLOTS];
    }

    /**
     * The seam of {@code manager}. A manager that tracks nothing (disabled, no DSN) gives one that is
     * not {@link #tracking()}; so does a manager that is not the library's own (an application's
     * decorator in the slot the integration reads), with one warning that says where it was found and
     * what to do, because requests cannot be tracked through a foreign implementation.
     *
     * @param where where the integration found the manager, for the warning
     */
    public static RequestSessions of(SessionManager manager, String where) {
        if (manager instanceof DefaultSessionManager m) {
            return m.requestSessions();
        }
        if (manager != null && !(manager instanceof NoOpSessionManager) && manager.isEnabled()
                && WARNED.add(manager.getClass())) {
            LOG.log(Level.WARNING, "sessionhealth: the SessionManager in " + where + " is a "
                    + manager.getClass().getName() + ", not one made by SessionManager.create or SessionManager.builder,"
                    + " so requests are not tracked; put the library's own manager there (a decorator can wrap it"
                    + " where the application calls it, not in that slot)");
        }
        return NONE;
    }

    /** Whether requests are tracked (false: the integration passes every request through). */
    public boolean tracking() {
        return manager != null;
    }

    /** Whether personal data (raw user id, user agent, address) may be kept ({@code sendDefaultPii}). */
    public boolean personalData() {
        return tracker.options().sendDefaultPii();
    }

    // ---- user modes ----

    /**
     * Counts a request in the open session of {@code key}, starting one when there is none or the
     * previous one lapsed, and restarting it when a principal appears in an anonymous session or
     * changes ({@link #mustRestart}).
     *
     * @param principal the request's principal name, or {@code null}
     * @param userAgent the client's user agent for a session started now ({@code null} without personal data)
     * @param ipAddress the client's address for a session started now ({@code null} without personal data)
     */
    public RequestTracking open(Object key, String principal, String userAgent, String ipAddress) {
        SessionContext context = context(principal);
        SessionState state = registry.touch(key, context, userAgent, ipAddress);
        if (mustRestart(state, principal)) {
            state = registry.restart(key, context, userAgent, ipAddress, current -> mustRestart(current, principal));
        }
        RequestTracking request = lend(key, userAgent, ipAddress);
        // a returning visitor's session was announced long ago: its request ends without another lookup
        request.announceAtFinish = !state.announced();
        return request;
    }

    /**
     * A principal that became known later in the request (an authentication filter behind the
     * integration's): restarts the request's session by the rule {@link #open} applies.
     */
    public void principalKnown(RequestTracking request, String principal) {
        Object key = request.key();
        SessionState state = key == null ? null : registry.get(key);
        if (state != null && principal != null && mustRestart(state, principal)) {
            registry.restart(key, context(principal), request.userAgent(), request.ipAddress(),
                    current -> mustRestart(current, principal));
        }
    }

    /** Whether {@code key} has a session here (it was checked when it got one). */
    public boolean knows(Object key) {
        return registry.get(key) != null;
    }

    /** The session bound to {@code key} now, open or not, or {@code null}: to copy it where the key lives. */
    public SessionState current(Object key) {
        return registry.get(key);
    }

    /**
     * Takes over a session another node started and this one does not know (a replicated or
     * persisted HTTP session), without a second {@code init}, unless it lapsed meanwhile.
     *
     * @return whether it was taken over (false: it lapsed, or the key has a session already)
     */
    public boolean takeOver(Object key, UUID sid, long startedMillis, long lastSeenMillis, int errors, User user,
            String userAgent, String ipAddress) {
        if (registry.get(key) != null || lapsed(startedMillis, lastSeenMillis)) {
            return false;
        }
        SessionContext context = user == null ? SessionContext.EMPTY : SessionContext.forUser(user);
        SessionState resumed = tracker.resume(sid, startedMillis, errors, context, userAgent, ipAddress);
        return registry.takeOver(key, resumed) == resumed;
    }

    /** Ends the session of {@code key} as {@code exited} at its last activity (the HTTP session ended). */
    public void end(Object key) {
        if (registry != null) {
            registry.end(key, SessionStatus.EXITED);
        }
    }

    /**
     * Whether a session last active at {@code lastSeenMillis} has lapsed by inactivity or maximum
     * duration: it was ended where it lived, and continuing it would send updates after its end.
     */
    boolean lapsed(long startedMillis, long lastSeenMillis) {
        long now = tracker.nowMillis();
        return now - lastSeenMillis >= tracker.options().sessionTimeout().toMillis()
                || now - startedMillis >= tracker.options().maxSessionDuration().toMillis();
    }

    /**
     * The principal rule: a principal restarts the session when it appears in an anonymous session, or
     * when it is neither the user's id nor its username while a username is set. A user the
     * application set with only an id is left alone; a principal that disappears changes nothing.
     */
    static boolean mustRestart(SessionState state, String principal) {
        if (principal == null) {
            return false;
        }
        User user = state.attributes().user();
        if (user == null) {
            return true;
        }
        if (principal.equals(user.id()) || principal.equals(user.username())) {
            return false;
        }
        return user.username() != null;
    }

    /** A user taken from a principal: {@code User(name, null, name, null)}. */
    private static SessionContext context(String principal) {
        return principal == null ? SessionContext.EMPTY
                : SessionContext.forUser(new User(principal, null, principal, null));
    }

    // ---- request mode ----

    /** A request of request mode: its own tracking, recorded into its minute when it is finished. */
    public RequestTracking count() {
        return lend(null, null, null);
    }

    /** The tracking of a request nobody counts (excluded): later layers find it and count nothing either. */
    public RequestTracking excluded() {
        return new RequestTracking(tracker);
    }

    // ---- every mode ----

    /**
     * The tracking of a new request on this thread (of the session under {@code key}, or of none):
     * the one this thread's previous request {@linkplain #release released}, or a new one, which
     * this thread may lend again once it is released. A tracking never released (an asynchronous
     * request, a caller that does not release) is never lent again.
     */
    private RequestTracking lend(Object key, String userAgent, String ipAddress) {
        Thread thread = Thread.currentThread();
        int slot = (int) thread.getId() & (SPARE_SLOTS - 1);
        RequestTracking spare = spares[slot];
        if (spare == null || spare.owner != thread || spare.lent) {
            spare = new RequestTracking(tracker, registry, thread);
            spares[slot] = spare;
        }
        spare.lend(key, userAgent, ipAddress);
        return spare;
    }

    /**
     * The request of {@code request} is over, on the thread that opened it, and nothing will use
     * its tracking any more but a dispatch of the same request on this thread before its next
     * request (an error page): this thread may lend it to its next request. Only for a request that
     * did not go asynchronous (its tracking lives on with its async work, on other threads). The
     * tracking keeps its state until it is lent again.
     */
    public void release(RequestTracking request) {
        if (request.owner == Thread.currentThread() && !request.kept) {
            request.lent = false;
        }
    }

    /** Records an error of the request (a crash once per request, handled ones each time). */
    public void recordError(RequestTracking request, boolean handled) {
        request.recordError(tracker, handled);
    }

    /** Makes the request's session the current one of this thread until the scope closes. */
    public DefaultSessionManager.Scope bind(RequestTracking request) {
        return manager.bind(request);
    }

    /**
     * This thread's binding slot ({@link DefaultSessionManager#slot}): the request path binds with
     * {@link #enter} and {@link #leave} around the application's code, one thread-local lookup for both.
     */
    public Object[] slot() {
        return manager.slot();
    }

    /** Binds {@code request} in this thread's {@code slot}; returns what was bound before, for {@link #leave}. */
    public static Object enter(Object[] slot, RequestTracking request) {
        Object previous = slot[0];
        slot[0] = request;
        return previous;
    }

    /** Restores the binding {@link #enter} replaced (usually none); on the thread that entered. */
    public static void leave(Object[] slot, Object previous) {
        slot[0] = previous;
    }

    /**
     * The request is over: request mode records it into its minute; a user session started for it is
     * announced now (its {@code init}) unless it was already (the application looked at it or recorded
     * an error), after every layer of the request had the chance to say who the user is, so a session
     * replaced on the way (a principal known only behind the filter) is never sent.
     */
    public void finish(RequestTracking request) {
        Object key = request.key();
        if (key == null) {
            aggregator.record(request.outcome());
            return;
        }
        if (!request.announceAtFinish) {
            return;
        }
        SessionState state = registry.get(key);
        if (state != null && !state.announced()) {
            registry.announce(key, state);
        }
    }
}
