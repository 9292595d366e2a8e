package dev.sessionhealth.servlet.internal;

import dev.sessionhealth.internal.TrackingMode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Maps a counted request to its tracking, one implementation per {@link TrackingMode}. */
interface RequestMapper {

    /** Runs before the chain (so a cookie can still be set); copies what it needs out of the request. */
    MappedRequest begin(HttpServletRequest request, HttpServletResponse response);
}
