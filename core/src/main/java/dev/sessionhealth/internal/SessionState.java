package dev.sessionhealth.internal;

import dev.sessionhealth.SessionStatus;
import java.util.UUID;

/**
 * The live state of one tracked session. Small on purpose (one of these per active user): the sid
 * is kept as two longs, the attributes are shared. Every transition is a short {@code synchronized}
 * block on this object only, so two requests of the same user serialize and nobody else waits.
 */
public final class SessionState {

    private final long sidHigh;
    private final long sidLow;
    private final long startedMillis;
    private final SessionAttributes attributes;

    private long lastSeenMillis;
    private int errors;
    private int requests;
    private SessionStatus status = SessionStatus.OK;
    private boolean initPending;

    SessionState(UUID sid, long startedMillis, SessionAttributes attributes, int errors, boolean initPending) {
        this.sidHigh = sid.getMostSignificantBits();
        this.sidLow = sid.getLeastSignificantBits();
        this.startedMillis = startedMillis;
        this.lastSeenMillis = startedMillis;
        this.attributes = attributes;
        this.errors = errors;
        this.initPending = initPending;
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

    public synchronized long lastSeenMillis() {
        return lastSeenMillis;
    }

    public synchronized int errors() {
        return errors;
    }

    public synchronized int requests() {
        return requests;
    }

    public synchronized SessionStatus status() {
        return status;
    }

    public synchronized boolean isOpen() {
        return status == SessionStatus.OK;
    }

    /**
     * Notes a request at {@code nowMillis} if the session is open and neither idle for
     * {@code timeoutMillis} nor older than {@code maxMillis}; false otherwise (nothing changes).
     */
    synchronized boolean touchIfLive(long nowMillis, long timeoutMillis, long maxMillis) {
        if (status != SessionStatus.OK || nowMillis - lastSeenMillis >= timeoutMillis
                || nowMillis - startedMillis >= maxMillis) {
            return false;
        }
        if (nowMillis > lastSeenMillis) {
            lastSeenMillis = nowMillis;
        }
        requests++;
        return true;
    }

    /** Notes activity at {@code nowMillis}; false if the session already ended. */
    synchronized boolean touch(long nowMillis, boolean countRequest) {
        if (status != SessionStatus.OK) {
            return false;
        }
        if (nowMillis > lastSeenMillis) {
            lastSeenMillis = nowMillis;
        }
        if (countRequest) {
            requests++;
        }
        return true;
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

    /** Ends the session; returns the final update, or {@code null} if it had ended already. */
    synchronized SessionUpdate end(long nowMillis, SessionStatus endStatus) {
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

    /** The state as it is now, without consuming {@code init} (for reading, not for sending). */
    synchronized SessionUpdate peek(long nowMillis) {
        return new SessionUpdate(this, Math.max(nowMillis, startedMillis), status, errors, initPending);
    }

    /** The first transmission was dropped before it left: the next one must carry {@code init:true}. */
    synchronized void initLost() {
        initPending = true;
    }


    private SessionUpdate update(long nowMillis) {
        boolean init = initPending;
        initPending = false;
        long timestamp = Math.max(nowMillis, startedMillis);
        return new SessionUpdate(this, timestamp, status, errors, init);
    }

    private static String hex(long v) {
        String s = Long.toHexString(v);
        return "0".repeat(16 - s.length()) + s;
    }
}
