package dev.sessionhealth.internal;

import java.util.Locale;

/**
 * How requests map to tracked sessions: the {@code mode} option, read the same way by the servlet
 * filter and the JAX-RS hook.
 */
public enum TrackingMode {
    /** Our own signed cookie names the user session (the default); never creates an HTTP session. */
    COOKIE("cookie"),
    /**
     * The container's HTTP session names the user session (servlet filter). The JAX-RS hook, which
     * has no portable access to it, keys sessions by its cookie instead.
     */
    HTTP_SESSION("httpSession"),
    /** Every request is one session, counted into per-minute aggregates; nothing per user. */
    REQUEST("request");

    private final String value;

    TrackingMode(String value) {
        this.value = value;
    }

    /** The option's value, as written in configuration. */
    public String value() {
        return value;
    }

    /** The mode named by {@code raw} (value or constant name, any case); {@link #COOKIE} when blank. */
    public static TrackingMode parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return COOKIE;
        }
        String v = raw.trim().toLowerCase(Locale.ROOT);
        for (TrackingMode m : values()) {
            if (m.value.toLowerCase(Locale.ROOT).equals(v) || m.name().toLowerCase(Locale.ROOT).equals(v)) {
                return m;
            }
        }
        throw new IllegalArgumentException("must be cookie, httpSession or request");
    }
}
