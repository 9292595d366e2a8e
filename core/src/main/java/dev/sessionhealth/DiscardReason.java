package dev.sessionhealth;

import java.util.Locale;

/** Why a session update was not delivered; the names are those of Sentry client reports. */
public enum DiscardReason {
    QUEUE_OVERFLOW,
    CACHE_OVERFLOW,
    RATELIMIT_BACKOFF,
    NETWORK_ERROR,
    SEND_ERROR,
    BEFORE_SEND,
    INVALID;

    /** The reason as written in a client report. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
