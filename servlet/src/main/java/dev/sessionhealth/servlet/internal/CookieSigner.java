package dev.sessionhealth.servlet.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Makes and checks cookie values: a random 128-bit id and its HMAC-SHA256, both base64url without
 * padding, joined by a dot (66 characters). The id is the registry key; only a value whose
 * signature matches yields it, so a client can neither forge nor pick another user's key.
 */
public final class CookieSigner {

    static final int ID_CHARS = 22;
    static final int VALUE_CHARS = ID_CHARS + 1 + 43;
    private static final String ALGORITHM = "HmacSHA256";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final SecretKeySpec key;
    /** Mac is not thread-safe; a lock-free pool avoids both locks and thread-locals that outlive requests. */
    private final ConcurrentLinkedQueue<Mac> macs = new ConcurrentLinkedQueue<>();
    private final SecureRandom random = new SecureRandom();

    public CookieSigner(byte[] keyBytes) {
        this.key = new SecretKeySpec(keyBytes.clone(), ALGORITHM);
        macs.offer(newMac()); // fail at start-up, not on the first request, if HMAC is unavailable
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
        byte[] given = value.substring(ID_CHARS + 1).getBytes(StandardCharsets.ISO_8859_1);
        return MessageDigest.isEqual(expected, given) ? idText : null;
    }

    private byte[] sign(String idText) {
        Mac mac = macs.poll();
        if (mac == null) {
            mac = newMac();
        }
        try {
            return mac.doFinal(idText.getBytes(StandardCharsets.US_ASCII));
        } finally {
            macs.offer(mac);
        }
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** A freshly issued id and the cookie value that carries it. */
    public record Issued(String id, String value) {
    }
}
