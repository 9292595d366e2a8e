package dev.sessionhealth.internal.cookie;

import dev.sessionhealth.internal.RequestSessions;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Makes and checks cookie values: a random 128-bit id and its HMAC-SHA256, both base64url without
 * padding, joined by a dot (66 characters). The id is the registry key; only a value whose
 * signature matches yields it, so a client can neither forge nor pick another user's key.
 */
public final class CookieSigner {

    static final int ID_CHARS = 22;
    static final int VALUE_CHARS = ID_CHARS + 1 + 43;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    /** Thread-safe without locks or thread-locals (none may outlive a request). */
    private final HmacSha256 hmac;
    private final SecureRandom random = new SecureRandom();

    CookieSigner(byte[] keyBytes) {
        this.hmac = new HmacSha256(keyBytes.clone());
    }

    public static CookieSigner withKey(String secret) {
        return new CookieSigner(secret.getBytes(StandardCharsets.UTF_8));
    }

    public static CookieSigner withRandomKey() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return new CookieSigner(k);
    }

    /** A new random id (the registry key) with its signed cookie value. */
    public Issued issue() {
        byte[] id = new byte[16];
        random.nextBytes(id);
        String idText = ENCODER.encodeToString(id);
        return new Issued(idText, idText + "." + ENCODER.encodeToString(sign(idText)));
    }

    /** The id of a well-formed, correctly signed value, or {@code null} for anything else. */
    public String verify(String value) {
        if (value == null || value.length() != VALUE_CHARS || value.charAt(ID_CHARS) != '.') {
            return null;
        }
        String idText = value.substring(0, ID_CHARS);
        // the signature covers the id exactly as issued; comparing the canonical text (not decoded
        // bytes) also refuses a second spelling of a valid signature
        byte[] expected = ENCODER.encode(sign(idText));
        // constant time, like MessageDigest.isEqual, without copying the given signature out first
        int diff = 0;
        for (int i = 0; i < expected.length; i++) {
            diff |= expected[i] ^ value.charAt(ID_CHARS + 1 + i);
        }
        return diff == 0 ? idText : null;
    }

    /**
     * The registry key of {@code text[from, to)} if it is a value of ours, else {@code null}: a key
     * that has a session in {@code sessions} was checked (or issued) when it got one, so only other
     * values have their signature checked, and the HMAC runs once per session, not once per request.
     * Copies the value out of {@code text} only to check its signature.
     */
    public CookieKey keyOf(String text, int from, int to, RequestSessions sessions) {
        CookieKey key = CookieKey.parse(text, from, to);
        if (key == null) {
            return null;
        }
        return sessions.knows(key) || verify(text.substring(from, to)) != null ? key : null;
    }

    private byte[] sign(String idText) {
        return hmac.mac(idText.getBytes(StandardCharsets.US_ASCII));
    }

    /** A freshly issued id and the cookie value that carries it. */
    public record Issued(String id, String value) {
    }
}
