package dev.sessionhealth.servlet.internal;

import java.util.Locale;

/** How requests map to tracked sessions. */
public enum TrackingMode {
    /** Our own signed cookie names the user session (the default); never creates an HTTP session. */
    COOKIE("cookie"),
    /** The container's HTTP session names the user session; state rides in a session attribute. */
    HTTP_SESSION("httpSession"),
    /** Every request is one session, counted into per-minute aggregates; nothing per user. */
    REQUEST("request");

    private final String value;

    TrackingMode(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    static TrackingMode parse(String name, String raw) {
        String v = raw.trim().toLowerCase(Locale.ROOT);
        for (TrackingMode m : values()) {
            if (m.value.toLowerCase(Locale.ROOT).equals(v) || m.name().toLowerCase(Locale.ROOT).equals(v)) {
                return m;
            }
        }
        throw new IllegalArgumentException(name + " must be cookie, httpSession or request: '" + raw + "'");
    }
}
