package dev.sessionhealth.servlet.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Cookie mode: the registry key is the id in our own signed cookie. A request without a valid
 * cookie (none, forged, tampered, oversized, malformed) gets a new id and a {@code Set-Cookie}
 * before the chain runs, so the response cannot have been committed yet. Never creates an HTTP session.
 */
public final class CookieSessionResolver implements RequestMapper {

    private final UserSessions sessions;
    private final CookieSigner signer;
    private final String cookieName;
    private final boolean personalData;

    public CookieSessionResolver(UserSessions sessions, CookieSigner signer, String cookieName, boolean personalData) {
        this.sessions = sessions;
        this.signer = signer;
        this.cookieName = cookieName;
        this.personalData = personalData;
    }

    @Override
    public MappedRequest begin(HttpServletRequest request, HttpServletResponse response) {
        String key = validKey(request);
        if (key == null) {
            CookieSigner.Issued issued = signer.issue();
            key = issued.id();
            response.addHeader("Set-Cookie", header(issued.value(), request));
        }
        return new MappedRequest(sessions.open(key, ClientDetails.of(request, personalData)), MappedRequest.NOTHING);
    }

    /** The key of the first correctly signed cookie of ours, or {@code null}. */
    private String validKey(HttpServletRequest request) {
        return CookieHeader.first(request.getHeaders("Cookie"), cookieName, signer::verify);
    }

    private String header(String value, HttpServletRequest request) {
        String path = request.getContextPath();
        StringBuilder b = new StringBuilder(cookieName.length() + value.length() + 64)
                .append(cookieName).append('=').append(value)
                .append("; Path=").append(path == null || path.isEmpty() ? "/" : path)
                .append("; HttpOnly; SameSite=Lax");
        if (request.isSecure()) {
            b.append("; Secure");
        }
        return b.toString();
    }
}
