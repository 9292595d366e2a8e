package dev.sessionhealth.internal.send;

import dev.sessionhealth.Transport;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * What the ingest told us not to send, and until when. Only the {@code session} category (and
 * limits on all categories) matter here. Read from every response, 200 included. Sender thread only.
 */
final class RateLimits {

    static final long DEFAULT_RETRY_AFTER_MILLIS = 60_000L;

    private long sessionsUntilMillis;

    /** Updates the limits from a response received at {@code nowMillis}. */
    void update(Transport.Response response, long nowMillis) {
        String header = response.rateLimits();
        if (header != null && !header.isBlank()) {
            for (String limit : header.split(",")) {
                applyLimit(limit.trim(), nowMillis);
            }
        } else if (response.status() == 429) {
            extend(saturatedSum(nowMillis, retryAfterMillis(response.retryAfter(), nowMillis)));
        }
    }

    /** Whether session data may be sent at {@code nowMillis}. */
    boolean sessionsAllowed(long nowMillis) {
        return nowMillis >= sessionsUntilMillis;
    }

    /** When the current limit on sessions ends (0 when there is none). */
    long sessionsLimitedUntil() {
        return sessionsUntilMillis;
    }

    private void applyLimit(String limit, long nowMillis) {
        if (limit.isEmpty()) {
            return;
        }
        String[] parts = limit.split(":", -1);
        double seconds;
        try {
            seconds = Double.parseDouble(parts[0].trim());
        } catch (NumberFormatException e) {
            return; // ignore what we cannot read
        }
        if (!(seconds > 0) || Double.isInfinite(seconds)) {
            return;
        }
        String categories = parts.length > 1 ? parts[1].trim() : "";
        if (!appliesToSessions(categories)) {
            return;
        }
        extend(saturatedSum(nowMillis, (long) Math.ceil(seconds * 1000))); // a huge value must not wrap around
    }

    private static boolean appliesToSessions(String categories) {
        if (categories.isEmpty()) {
            return true;
        }
        for (String c : categories.split(";")) {
            if (c.trim().equals("session")) {
                return true;
            }
        }
        return false;
    }

    private static long saturatedSum(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }

    private void extend(long untilMillis) {
        sessionsUntilMillis = Math.max(sessionsUntilMillis, untilMillis);
    }

    static long retryAfterMillis(String retryAfter, long nowMillis) {
        if (retryAfter == null || retryAfter.isBlank()) {
            return DEFAULT_RETRY_AFTER_MILLIS;
        }
        String v = retryAfter.trim();
        try {
            double seconds = Double.parseDouble(v);
            return seconds > 0 ? (long) Math.ceil(seconds * 1000) : DEFAULT_RETRY_AFTER_MILLIS;
        } catch (NumberFormatException notSeconds) {
            try {
                long at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli();
                return Math.max(0, at - nowMillis);
            } catch (DateTimeParseException notDate) {
                return DEFAULT_RETRY_AFTER_MILLIS;
            }
        }
    }
}
