package dev.sessionhealth.internal.cookie;

/**
 * The {@code Set-Cookie} header of a new session cookie, the same from the servlet filter and the
 * JAX-RS hook: {@code HttpOnly}, {@code SameSite=Lax}, {@code Secure} on a secure request,
 * {@code Path} the web application's context path, no {@code Max-Age} (a browser session).
 */
public final class SetCookie {

    private SetCookie() {
    }

    /**
     * @param contextPath the web application's context path; {@code null} or {@code ""} for the root
     * @param secure whether the request came over a secure channel
     */
    public static String header(String name, String value, String contextPath, boolean secure) {
        StringBuilder b = new StringBuilder(name.length() + value.length() + 64)
                .append(name).append('=').append(value)
                .append("; Path=").append(contextPath == null || contextPath.isEmpty() ? "/" : contextPath)
                .append("; HttpOnly; SameSite=Lax");
        if (secure) {
            b.append("; Secure");
        }
        return b.toString();
    }
}
