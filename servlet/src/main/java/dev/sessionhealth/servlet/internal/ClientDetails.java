package dev.sessionhealth.servlet.internal;

import dev.sessionhealth.internal.session.ClientText;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;

/**
 * What a user session needs from the request, copied out of it: the principal's name, and the user
 * agent and address (read only when personal data may be sent), made safe to send by {@link ClientText}.
 */
record ClientDetails(String principal, String userAgent, String ipAddress) {

    static ClientDetails of(HttpServletRequest request, boolean personalData) {
        Principal p = request.getUserPrincipal();
        String name = p == null ? null : p.getName();
        if (!personalData) {
            return new ClientDetails(name, null, null);
        }
        return new ClientDetails(name, ClientText.userAgent(request.getHeader("User-Agent")),
                ClientText.address(request.getRemoteAddr()));
    }
}
