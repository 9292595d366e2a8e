package dev.sessionhealth.cdi.internal;

import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.NewCookie;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;

/**
 * The cookie that keeps a client's user session across requests when no servlet filter does it.
 * Its value is a random 128-bit key (not the session id, which is sent to the ingest): guessing
 * another client's key is as hard as guessing a random UUID, so it needs no signature.
 */
final class SessionCookie {

    private final SecureRandom random = new SecureRandom();

    /** The key the client sent in cookie {@code name}, or {@code null} when it sent none or a malformed one. */
    static String keyOf(Map<String, Cookie> cookies, String name) {
        Cookie c = cookies.get(name);
        if (c == null) {
            return null;
        }
        String v = c.getValue();
        return v != null && v.length() == 32 && v.chars().allMatch(SessionCookie::isLowerHex) ? v : null;
    }

    String newKey() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    static NewCookie cookie(String name, String key, boolean secure) {
        return new NewCookie.Builder(name).value(key).path("/").httpOnly(true).secure(secure)
                .sameSite(NewCookie.SameSite.LAX).build();
    }

    private static boolean isLowerHex(int ch) {
        return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f');
    }
}
