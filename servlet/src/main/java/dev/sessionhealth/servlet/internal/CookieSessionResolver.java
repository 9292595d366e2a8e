package dev.sessionhealth.servlet.internal;

import dev.sessionhealth.internal.RequestSessions;
import dev.sessionhealth.internal.cookie.CookieHeader;
import dev.sessionhealth.internal.cookie.CookieKey;
import dev.sessionhealth.internal.cookie.CookieSigner;
import dev.sessionhealth.internal.cookie.SetCookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Cookie mode: the registry key is our own signed cookie ({@link CookieKey}), in the format the
 * JAX-RS hook uses too. A request without a valid cookie (none, forged, tampered, oversized,
 * malformed) gets a new one and a {@code Set-Cookie} before the chain runs, so the response cannot
 * have been committed yet. A cookie whose key the registry holds was checked when it got there; only
 * others have their signature checked. Never creates an HTTP session.
 */
public final class CookieSessionResolver implements RequestMapper {

    private final RequestSessions sessions;
    private final CookieSigner signer;
    private final String cookieName;
    private final boolean personalData;
    /** {@link #check(String, int, int)} as the header reader takes it, made once rather than per request. */
    private final CookieHeader.Check<CookieKey> checker = this::check;

    public CookieSessionResolver(RequestSessions sessions, CookieSigner signer, String cookieName, boolean personalData) {
        this.sessions = sessions;
        this.signer = signer;
        this.cookieName = cookieName;
        this.personalData = personalData;
    }

    @Override
    public MappedRequest begin(HttpServletRequest request, HttpServletResponse response) {
        CookieKey key = validKey(request);
        if (key == null) {
            CookieSigner.Issued issued = signer.issue();
            key = CookieKey.parse(issued.value());
            response.addHeader("Set-Cookie", header(issued.value(), request));
        }
        return new MappedRequest(sessions.open(key, ClientDetails.principal(request),
                ClientDetails.userAgent(request, personalData), ClientDetails.ipAddress(request, personalData)),
                MappedRequest.NOTHING);
    }

    /** The key of the first correctly signed cookie of ours, or {@code null}. */
    private CookieKey validKey(HttpServletRequest request) {
        return CookieHeader.first(request.getHeaders("Cookie"), cookieName, checker);
    }

    /** The key of a correctly signed value, or {@code null}: no HMAC for a key the registry holds. */
    public CookieKey check(String value) {
        return value == null ? null : check(value, 0, value.length());
    }

    /** As {@link #check(String)} for {@code text[from, to)}; copies the value out only to check its signature. */
    CookieKey check(String text, int from, int to) {
        return signer.keyOf(text, from, to, sessions);
    }

    private String header(String value, HttpServletRequest request) {
        return SetCookie.header(cookieName, value, request.getContextPath(), request.isSecure());
    }
}
