package dev.sessionhealth.servlet.internal;

import dev.sessionhealth.internal.session.ClientText;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;

/**
 * What a user session needs from the request, read out of it: the principal's name, and the user
 * agent and address (read only when personal data may be sent), made safe to send by {@link ClientText}.
 * Static methods rather than a record of the three: a request then allocates nothing for them.
 */
final class ClientDetails {

    private ClientDetails() {
    }

    /** The name of the request's principal, or {@code null}. */
    static String principal(HttpServletRequest request) {
        Principal p = request.getUserPrincipal();
        return p == null ? null : p.getName();
    }

    /** The client's user agent, or {@code null} when personal data may not be sent. */
    static String userAgent(HttpServletRequest request, boolean personalData) {
        return personalData ? ClientText.userAgent(request.getHeader("User-Agent")) : null;
    }

    /** The client's address, or {@code null} when personal data may not be sent. */
    static String ipAddress(HttpServletRequest request, boolean personalData) {
        return personalData ? ClientText.address(request.getRemoteAddr()) : null;
    }
}
