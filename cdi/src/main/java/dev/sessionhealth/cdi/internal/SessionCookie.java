package dev.sessionhealth.cdi.internal;

import dev.sessionhealth.internal.RequestSessions;
import dev.sessionhealth.internal.cookie.CookieHeader;
import dev.sessionhealth.internal.cookie.CookieKey;
import dev.sessionhealth.internal.cookie.CookieSigner;
import dev.sessionhealth.internal.cookie.SetCookie;
import dev.sessionhealth.internal.cookie.SigningKey;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * The session cookie as the JAX-RS hook reads and issues it when no servlet filter tracks the
 * request: the filter's own (core's format, the application's name, signing key and attributes), so
 * each accepts what the other issued, and the registry key is the same {@link CookieKey}.
 */
final class SessionCookie {

    private final String name;
    private final String contextPath;
    private final SigningKey key;

    /**
     * @param contextPath the web application's context path, {@code ""} for the root or outside one
     * @param key the application's signing key (in a web application, the servlet filter's)
     */
    SessionCookie(String name, String contextPath, SigningKey key) {
        this.name = name;
        this.contextPath = contextPath;
        this.key = key;
    }

    /** The key of the first cookie of ours the request carries (known to {@code sessions} or correctly signed), or {@code null}. */
    CookieKey keyOf(ContainerRequestContext request, RequestSessions sessions) {
        CookieSigner signer = key.signer();
        return CookieHeader.firstInList(request.getHeaders().get(HttpHeaders.COOKIE), name,
                (header, from, to) -> signer.keyOf(header, from, to, sessions));
    }

    /** A new signed cookie value. */
    String issue() {
        return key.signer().issue().value();
    }

    /** The {@code Set-Cookie} header value for {@code value}. */
    String setCookie(String value, boolean secure) {
        return SetCookie.header(name, value, contextPath, secure);
    }
}
