package dev.sessionhealth.internal.send;

import dev.sessionhealth.SessionStats.Delivery;

/**
 * What delivery is doing, for {@code stats()}: the sender thread notes each attempt's outcome, any
 * thread reads it. Two volatile fields, written once per envelope, so reading costs the request
 * threads nothing.
 */
final class DeliveryStatus {

    /** The last attempt failed and no attempt was answered since. */
    private volatile boolean backingOff;
    /** When the ingest's current limit on sessions ends (0: none), on the delivery clock. */
    private volatile long limitedUntilMillis;

    /** Notes an attempt: whether it backs off, and the limit on sessions in force after it. */
    void attempted(boolean backsOff, long sessionsLimitedUntilMillis) {
        backingOff = backsOff;
        limitedUntilMillis = sessionsLimitedUntilMillis;
    }

    /** The state at {@code nowMillis}: a rate limit in force first, then a backoff. */
    Delivery at(long nowMillis) {
        if (nowMillis < limitedUntilMillis) {
            return Delivery.RATE_LIMITED;
        }
        return backingOff ? Delivery.BACKING_OFF : Delivery.DELIVERING;
    }
}
