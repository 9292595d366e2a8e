package dev.sessionhealth.servlet.internal;

import dev.sessionhealth.internal.RequestTracking;
import java.util.function.Consumer;

/**
 * A counted request: its tracking (stored as the request attribute) and what its mode does once
 * the request is over, after core finished it (HTTP-session mode saves the session attribute).
 */
record MappedRequest(RequestTracking tracking, Consumer<RequestTracking> end) {

    static final Consumer<RequestTracking> NOTHING = tracking -> {
    };
}
