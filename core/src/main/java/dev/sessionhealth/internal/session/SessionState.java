package dev.sessionhealth.internal.session;

import dev.sessionhealth.SessionStatus;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.UUID;

/**
 * The live state of one tracked session. Small on purpose (one of these per active user): the sid
 * is kept as two longs, the attributes are shared. Every transition (error, end, capture) is a short
 * {@code synchronized} block on this object only, so nobody but the same user's requests waits. The
 * per-request touch takes no lock: it reads the status, adds one to the request count (a plain
 * increment: see {@link #requests()}) and moves the last activity forward, which is what a touch just before a concurrent transition
 * would have done under the lock too.
 *
 * <p>The journal's flags live here too, to keep one small object per session: their methods are public
 * because {@code store.JournalKeeper} reads and sets them, on the sender thread, except
 * {@link #noteActivityForJournal}, which request threads call.
 */
public final class SessionState {

    private static final VarHandle REQUESTS;
    private static final VarHandle ACTIVITY_NOTED;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            REQUESTS = lookup.findVarHandle(SessionState.class, "requests", int.class);
            ACTIVITY_NOTED = lookup.findVarHandle(SessionState.class, "activityNoted", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final long sidHigh;
    private final long sidLow;
    private final long startedMillis;
    private final SessionAttributes attributes;

    /** Moved forward by touches (two racing ones may leave it a clock tick behind: far below any timeout). */
    private volatile long lastSeenMillis;
    private int errors;
    private volatile int requests;
    /** Written under the monitor, read by touches without it. */
    private volatile SessionStatus status = SessionStatus.OK;
    private boolean initPending;
    /**
     * Whether anything of it was handed out to be sent (its first update). A session an integration
     * starts for a request is announced once the request showed who it is; until then a restart may
     * discard it without a trace. Written under the monitor, read by touches without it.
     */
    private volatile boolean announced;
    /** Its start is in the journal (sender thread only). */
    private boolean journaled;
    /**
     * The activity the journal noted last, in whole seconds after the start (sender thread only): it
     * fills the object's padding, so it costs no heap.
     */
    private int journaledActivitySecond;
    /**
     * The journal holds this session's activity note: set by the request thread that hands it over
     * (or by the sender, which keeps it through a window), cleared by the sender when it releases it.
     */
    private volatile boolean activityNoted;
    /** The next session in the {@link ActivityStack} while this one waits there. */
    SessionState activityNext;

    public SessionState(UUID sid, long startedMillis, SessionAttributes attributes, int errors, boolean initPending) {
        this.sidHigh = sid.getMostSignificantBits();
        this.sidLow = sid.getLeastSignificantBits();
        this.startedMillis = startedMillis;
        this.lastSeenMillis = startedMillis;
        this.attributes = attributes;
        this.errors = errors;
        this.initPending = initPending;
        this.announced = !initPending; // a session taken over was announced where it started
    }

    public UUID sid() {
        return new UUID(sidHigh, sidLow);
    }

    /** The sid as sent: 32 lowercase hex digits. */
    public String sidHex() {
        return hex(sidHigh) + hex(sidLow);
    }

    public long startedMillis() {
        return startedMillis;
    }

    public SessionAttributes attributes() {
        return attributes;
    }

    public long lastSeenMillis() {
        return lastSeenMillis;
    }

    public synchronized int errors() {
        return errors;
    }

    /**
     * The requests that touched the session here: a diagnostic, never sent. Counted without an atomic
     * instruction (one would be the most expensive step of a known user's request), so two requests of
     * one session at the same instant may count as one.
     */
    public int requests() {
        return requests;
    }

    SessionStatus status() {
        return status;
    }

    public boolean isOpen() {
        return status == SessionStatus.OK;
    }

    /**
     * Notes a request at {@code nowMillis} if the session is open and neither idle for
     * {@code timeoutMillis} nor older than {@code maxMillis}; false otherwise (nothing changes).
     */
    boolean touchIfLive(long nowMillis, long timeoutMillis, long maxMillis) {
        long seen = lastSeenMillis;
        if (status != SessionStatus.OK || nowMillis - seen >= timeoutMillis || nowMillis - startedMillis >= maxMillis) {
            return false;
        }
        noteActivity(seen, nowMillis);
        countRequest();
        return true;
    }

    /** Notes activity at {@code nowMillis}; false if the session already ended. */
    boolean touch(long nowMillis, boolean countRequest) {
        if (status != SessionStatus.OK) {
            return false;
        }
        noteActivity(lastSeenMillis, nowMillis);
        if (countRequest) {
            countRequest();
        }
        return true;
    }

    /** A plain increment, published without a fence: see {@link #requests()}. */
    private void countRequest() {
        REQUESTS.setRelease(this, requests + 1);
    }

    /**
     * Moves the last activity forward: with the coarse clock this writes once per tick (100 ms) and
     * session, and two racing touches differ by at most a tick. A volatile store, so that the journal's
     * note read after it ({@link #noteActivityForJournal}) is not read before it: the sender releases
     * the note and then reads the activity ({@link #activityJournaled}), so either the request sees
     * the note released and hands the session over, or the sender sees the activity (to the second
     * the journal keeps).
     */
    private void noteActivity(long seen, long nowMillis) {
        if (nowMillis > seen) {
            lastSeenMillis = nowMillis;
        }
    }

    /** Adds an error; returns the update to send, or {@code null} if the session already ended. */
    synchronized SessionUpdate addError(long nowMillis, SessionStatus endStatus) {
        if (status != SessionStatus.OK) {
            return null;
        }
        errors++;
        if (endStatus != null) {
            status = endStatus;
        }
        return update(nowMillis);
    }

    /**
     * Ends the session at its last activity (an inactivity timeout, a shutdown, a lapsed HTTP
     * session): its duration is the time it was in use, not the time until somebody noticed.
     */
    synchronized SessionUpdate endAtLastActivity(SessionStatus endStatus) {
        return end(lastSeenMillis, endStatus);
    }

    /** Ends the session; returns the final update, or {@code null} if it had ended already. */
    public synchronized SessionUpdate end(long nowMillis, SessionStatus endStatus) {
        if (status != SessionStatus.OK) {
            return null;
        }
        status = endStatus;
        if (endStatus == SessionStatus.CRASHED || endStatus == SessionStatus.UNHANDLED) {
            errors = Math.max(errors, 1);
        }
        return update(nowMillis);
    }

    /** The current state as an update to send, or {@code null} once the session ended (its last update was sent). */
    synchronized SessionUpdate capture(long nowMillis) {
        return status == SessionStatus.OK ? update(nowMillis) : null;
    }

    /** Its first update, {@code init:true}; {@code null} if it was announced already or has ended. */
    synchronized SessionUpdate announce(long nowMillis) {
        return announced || status != SessionStatus.OK ? null : update(nowMillis);
    }

    /** Whether its first update was handed out. */
    public boolean announced() {
        return announced;
    }

    /**
     * Ends a session that was never announced, sending nothing: nobody outside this process knows it
     * (a request's session replaced before the request showed who it is). False if it was announced
     * or has ended (then it must be ended the usual way, or not at all).
     */
    public synchronized boolean discardUnannounced() {
        if (announced || status != SessionStatus.OK) {
            return false;
        }
        status = SessionStatus.EXITED;
        initPending = false;
        return true;
    }

    /**
     * Marks the session ended here without sending anything: another node ended it, or replaced it,
     * and sent its end. False if it had ended here already.
     */
    public synchronized boolean retire() {
        if (status != SessionStatus.OK) {
            return false;
        }
        status = SessionStatus.EXITED;
        initPending = false;
        announced = true;
        return true;
    }

    /** Raises the error count to {@code atLeast} (errors other nodes recorded); never lowers it. */
    public synchronized void raiseErrors(int atLeast) {
        errors = Math.max(errors, atLeast);
    }

    /** The state as it is now, without consuming {@code init} (for reading, not for sending). */
    public synchronized SessionUpdate peek(long nowMillis) {
        return new SessionUpdate(this, Math.max(nowMillis, startedMillis), status, errors, initPending);
    }

    /** The first transmission was dropped before it left: the next one must carry {@code init:true}. */
    public synchronized void initLost() {
        initPending = true;
    }


    /** Whether its start was journaled; marks it journaled from now on (sender thread only). */
    public boolean markJournaled() {
        boolean was = journaled;
        journaled = true;
        return was;
    }

    /**
     * The last activity, noted as journaled now (sender thread only): what the journal writes.
     */
    public long journalActivity() {
        long seen = lastSeenMillis;
        journaledActivitySecond = secondOf(seen);
        return seen;
    }

    /** Whether the activity moved into a later second since it was last journaled (sender thread only). */
    public boolean activityMovedSinceJournaled() {
        return secondOf(lastSeenMillis) > journaledActivitySecond;
    }

    private int secondOf(long millis) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(0, millis - startedMillis) / 1000);
    }

    /** Whether its start was journaled (sender thread only). */
    public boolean journaled() {
        return journaled;
    }

    /**
     * True the first time after the sender took the previous activity note (request threads, and the
     * sender when it finds activity right after releasing the note): for exactly one of the racers,
     * since only one may push the session onto the {@link ActivityStack} or journal it. The plain
     * read first keeps the common case (noted already) free of a locked instruction.
     */
    public boolean noteActivityForJournal() {
        return !activityNoted && ACTIVITY_NOTED.compareAndSet(this, false, true);
    }

    /**
     * The sender releases the activity note, before it reads {@link #lastSeenMillis()} (a volatile write
     * then a volatile read, the mirror of a request's order in {@link #noteActivity}).
     */
    public void activityJournaled() {
        activityNoted = false;
    }

    private SessionUpdate update(long nowMillis) {
        announced = true;
        boolean init = initPending;
        initPending = false;
        long timestamp = Math.max(nowMillis, startedMillis);
        // an update is activity: an end timed at the last activity is never older than an update sent before it
        noteActivity(lastSeenMillis, timestamp);
        return new SessionUpdate(this, timestamp, status, errors, init);
    }

    private static String hex(long v) {
        String s = Long.toHexString(v);
        return "0".repeat(16 - s.length()) + s;
    }
}
