package dev.sessionhealth.cdi.internal;

import java.util.Locale;

/** How the JAX-RS hook tracks requests that no servlet filter tracks already. */
public enum TrackingMode {
    /** One session per client, kept across requests by a cookie; sent as {@code session} items. */
    USER,
    /** Every request is one session, counted per minute; sent as {@code sessions} aggregates. */
    REQUEST;

    static TrackingMode parse(String value) {
        if (value == null || value.isBlank()) {
            return USER;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "user" -> USER;
            case "request" -> REQUEST;
            default -> throw new IllegalArgumentException("mode must be 'user' or 'request': '" + value.trim() + "'");
        };
    }
}
