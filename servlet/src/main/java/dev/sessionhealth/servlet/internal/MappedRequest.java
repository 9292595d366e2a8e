package dev.sessionhealth.servlet.internal;

import dev.sessionhealth.internal.RequestTracking;

/**
 * A counted request: its tracking (stored as the request attribute) and what its mode does once
 * the request is over (request mode counts it; HTTP-session mode saves the session attribute).
 */
public record MappedRequest(RequestTracking tracking, Runnable end) {

    static final Runnable NOTHING = () -> {
    };
}
