package dev.sessionhealth.cdi.internal;

import java.util.Locale;

/**
 * How requests map to sessions ({@code sessionhealth.mode}, the same option and values as the
 * servlet filter's). The JAX-RS hook uses it only for requests that no servlet filter tracks.
 */
public enum TrackingMode {
    /** One session per client, kept across requests by a cookie (the default). */
    COOKIE("cookie"),
    /**
     * The servlet filter keys sessions by the HTTP session; the JAX-RS hook, which has no portable
     * access to it, keys them by its cookie instead.
     */
    HTTP_SESSION("httpSession"),
    /** Every request is one session, counted per minute and sent as {@code sessions} aggregates. */
    REQUEST("request");

    private final String value;

    TrackingMode(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    static TrackingMode parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return COOKIE;
        }
        String v = raw.trim().toLowerCase(Locale.ROOT);
        for (TrackingMode m : values()) {
            if (m.value.toLowerCase(Locale.ROOT).equals(v) || m.name().toLowerCase(Locale.ROOT).equals(v)) {
                return m;
            }
        }
        throw new IllegalArgumentException("mode must be cookie, httpSession or request: '" + raw.trim() + "'");
    }
}
