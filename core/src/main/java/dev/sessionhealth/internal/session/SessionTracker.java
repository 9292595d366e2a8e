package dev.sessionhealth.internal.session;

import dev.sessionhealth.SessionContext;
import dev.sessionhealth.SessionOptions;
import dev.sessionhealth.SessionStatus;
import dev.sessionhealth.User;
import java.time.InstantSource;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

/**
 * Starts sessions and moves them through their life, handing every update to the queue. Runs on
 * the calling thread: it only reads the clock (per request, a coarse copy), takes the session's own
 * monitor and enqueues.
 */
public final class SessionTracker {

    private final SessionOptions options;
    private final InstantSource clock;
    private final InstantSource perRequest;
    private final UpdateQueue queue;
    private final SessionAttributes defaults;
    private final LongAdder started = new LongAdder();
    /** Sessions ended here, by terminal status (indexed by ordinal; {@code OK} stays zero). */
    private final LongAdder[] ended = new LongAdder[SessionStatus.values().length];
    private final LongAdder errors = new LongAdder();
    private final long timeoutMillis;
    private final long maxDurationMillis;
    /**
     * Where a request that moves a session's last activity forward hands the session (once until the
     * journal took it), so that the journal can time an abnormal end at the last activity; {@code
     * null} without a journal.
     */
    private final ActivityStack activity;

    /**
     * @param clock the clock of starts, errors and ends
     * @param perRequest the clock of each request's activity: the same, or a {@link CoarseClock} of it
     * @param activity where sessions whose activity moved go for the journal, or {@code null}
     */
    public SessionTracker(SessionOptions options, InstantSource clock, InstantSource perRequest, UpdateQueue queue,
            ActivityStack activity) {
        this.activity = activity;
        this.options = options;
        this.clock = clock;
        this.perRequest = perRequest;
        this.queue = queue;
        this.defaults = new SessionAttributes(options.release(), options.environment(), null, null, null);
        this.timeoutMillis = options.sessionTimeout().toMillis();
        this.maxDurationMillis = options.maxSessionDuration().toMillis();
        java.util.Arrays.setAll(ended, i -> new LongAdder());
    }

    public SessionOptions options() {
        return options;
    }

    public long nowMillis() {
        return clock.millis();
    }

    /**
     * Starts a session and enqueues its first update ({@code init:true}).
     *
     * @param userAgent the client's user agent; kept (cleaned by {@link ClientText}) only when personal
     *     data is enabled, and only if the context has none
     * @param ipAddress the client's address; kept (if {@link ClientText} finds a literal address in it)
     *     only when personal data is enabled, and only if neither the context nor its user has one
     */
    public SessionState start(SessionContext context, String userAgent, String ipAddress) {
        SessionState state = create(context, userAgent, ipAddress);
        announce(state);
        return state;
    }

    /** A new session that nobody knows of yet; nothing is sent until {@link #announce}. */
    public SessionState create(SessionContext context, String userAgent, String ipAddress) {
        return new SessionState(randomV4(), clock.millis(), attributes(context, userAgent, ipAddress), 0, true);
    }

    /**
     * Counts a created session as started and enqueues its first update ({@code init:true}), once:
     * nothing if it was announced already (or ended).
     */
    public void announce(SessionState state) {
        announce(state, clock.millis());
    }

    /**
     * As {@link #announce(SessionState)}, timed at {@code atMillis}: a shared store claims the session
     * at that moment and records it as its last activity, so that no later end, timed at a last
     * activity, is older than this first update.
     */
    public void announce(SessionState state, long atMillis) {
        SessionUpdate first = state.announce(atMillis);
        if (first != null) {
            started.increment();
            queue.offer(first);
        }
    }

    /**
     * Takes over a session whose first update was already sent elsewhere (another node, an earlier
     * process), for example from replicated HTTP session state. Sends nothing by itself.
     */
    public SessionState resume(UUID sid, long startedMillis, int errors, SessionContext context,
            String userAgent, String ipAddress) {
        return new SessionState(sid, startedMillis, attributes(context, userAgent, ipAddress), errors, false);
    }

    /**
     * Takes over a session another node started and announced, with the attributes it was sent with
     * (they never change after the first transmission). Sends nothing by itself.
     */
    public SessionState resume(UUID sid, long startedMillis, int errors, SessionAttributes attributes) {
        return new SessionState(sid, startedMillis, attributes, errors, false);
    }

    /** Notes a request on this session; false if it already ended (the caller starts a new one). */
    public boolean touch(SessionState state) {
        if (!state.touch(perRequest.millis(), true)) {
            return false;
        }
        noteActivity(state);
        return true;
    }

    /** Notes a request if the session is open and not expired (one lock); false means: start a new one. */
    public boolean touchIfLive(SessionState state) {
        if (!state.touchIfLive(perRequest.millis(), timeoutMillis, maxDurationMillis)) {
            return false;
        }
        noteActivity(state);
        return true;
    }

    private void noteActivity(SessionState state) {
        // a session not announced yet has no start in the journal for its activity to belong to
        if (activity != null && state.announced() && state.noteActivityForJournal()) {
            activity.push(state);
        }
    }

    /** Records a handled error (enqueues an update), or an unhandled one (ends the session crashed). */
    public void recordError(SessionState state, boolean handled) {
        SessionStatus end = handled ? null : crashStatus();
        boolean announced = state.announced();
        SessionUpdate update = countStart(announced, state.addError(clock.millis(), end));
        if (update != null) {
            errors.increment();
            countEnd(update);
        }
        queue.offer(update);
    }

    /** Ends the session with this status and enqueues the final update; nothing if it had ended. */
    public void end(SessionState state, SessionStatus status) {
        boolean announced = state.announced();
        queue.offer(countEnd(countStart(announced, state.end(clock.millis(), status))));
    }

    /**
     * Ends the session with this status at {@code atMillis} (a last activity another node reported);
     * nothing if it had ended.
     */
    public void endAt(SessionState state, SessionStatus status, long atMillis) {
        boolean announced = state.announced();
        queue.offer(countEnd(countStart(announced, state.end(Math.max(atMillis, state.startedMillis()), status))));
    }

    /**
     * Counts a handled error whose count travels elsewhere (a store shared by several nodes sends it
     * with the session's end) and raises the session's count to {@code errors}; sends nothing now.
     */
    public void countError(SessionState state, int errors) {
        state.raiseErrors(errors);
        this.errors.increment();
    }

    /**
     * Ends the session with this status at its last activity (it expired, the application stops, its
     * HTTP session lapsed): the time it was in use, not the time somebody noticed. Nothing if it had
     * ended.
     */
    public void endAtLastActivity(SessionState state, SessionStatus status) {
        boolean announced = state.announced();
        queue.offer(countEnd(countStart(announced, state.endAtLastActivity(status))));
    }

    /**
     * Counts the session as started when {@code update} is its first (a session an integration had
     * not announced yet, whose first update is an error or its end: it carries {@code init:true}).
     */
    private SessionUpdate countStart(boolean announcedBefore, SessionUpdate update) {
        if (!announcedBefore && update != null && update.init()) {
            started.increment();
        }
        return update;
    }

    /**
     * Counts the end an update carries. The state hands out its final update once (a second end
     * returns {@code null}), so each session's end is counted once, whoever ends it.
     */
    private SessionUpdate countEnd(SessionUpdate update) {
        if (update != null && update.status().isTerminal()) {
            ended[update.status().ordinal()].increment();
        }
        return update;
    }

    /** Enqueues the session's current state, if it is still open. */
    public void capture(SessionState state) {
        boolean announced = state.announced();
        queue.offer(countStart(announced, state.capture(clock.millis())));
    }

    /** Whether the session has been idle longer than the timeout or lasted longer than the maximum. */
    public boolean isExpired(SessionState state, long nowMillis) {
        return nowMillis - state.lastSeenMillis() >= timeoutMillis
                || nowMillis - state.startedMillis() >= maxDurationMillis;
    }

    /** The status an unhandled error ends a session with. */
    /** How an unhandled error ends a session: {@code crashed}, or {@code unhandled} if so configured. */
    public SessionStatus crashStatus() {
        return options.reportUnhandled() ? SessionStatus.UNHANDLED : SessionStatus.CRASHED;
    }

    public long startedCount() {
        return started.sum();
    }

    /**
     * Sessions ended here by final status: {@code EXITED}, {@code CRASHED} and {@code ABNORMAL}
     * always, {@code UNHANDLED} when unhandled errors are reported as such.
     */
    public java.util.Map<SessionStatus, Long> endedCounts() {
        java.util.Map<SessionStatus, Long> out = new java.util.EnumMap<>(SessionStatus.class);
        for (SessionStatus s : SessionStatus.values()) {
            if (s.isTerminal() && (s != SessionStatus.UNHANDLED || options.reportUnhandled())) {
                out.put(s, ended[s.ordinal()].sum());
            }
        }
        return out;
    }

    /** Errors recorded in sessions that were open then. */
    public long errorCount() {
        return errors.sum();
    }

    private SessionAttributes attributes(SessionContext context, String userAgent, String ipAddress) {
        User user = context.user();
        boolean pii = options.sendDefaultPii();
        // the context's own values win over the binding's; all are cleaned here, once per session (the
        // filter cleaned its values already, the JAX-RS hook passes the raw header)
        String ip = pii ? firstNonNull(ClientText.address(context.ipAddress()),
                firstNonNull(user == null ? null : user.ipAddress(), ClientText.address(ipAddress))) : null;
        String ua = pii ? firstNonNull(ClientText.userAgent(context.userAgent()), ClientText.userAgent(userAgent))
                : null;
        if (user == null && ip == null && ua == null && context.release() == null && context.environment() == null
                && context.tags().isEmpty()) {
            return defaults;
        }
        String release = context.release() != null ? context.release() : options.release();
        String environment = context.environment() != null ? context.environment() : options.environment();
        return new SessionAttributes(release, environment, user, ua, ip, null, context.tags());
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }

    /** A random (version 4) UUID without the cost of {@code SecureRandom}: sids are not secrets. */
    private static UUID randomV4() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long high = (r.nextLong() & ~0xF000L) | 0x4000L;
        long low = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }
}
