package dev.sessionhealth.examples.receiver;

import java.time.Instant;

/**
 * One {@code session} payload that passed the format checks, normalised.
 *
 * @param sid 32 lowercase hex digits
 * @param did the distinct id, or {@code null}
 * @param init whether this is the session's first transmission
 * @param started when the session started
 * @param timestamp when this update was taken
 * @param status the wire status ({@code ok}, {@code exited}, ...)
 * @param errors the running error count
 * @param durationSeconds the duration, or the time between started and timestamp when absent
 * @param release the release
 * @param environment the environment, or {@code null} (absent, or stripped because invalid)
 */
public record SessionItem(String sid, String did, boolean init, Instant started, Instant timestamp,
        String status, int errors, double durationSeconds, String release, String environment) {

    public boolean isTerminal() {
        return !"ok".equals(status);
    }
}
