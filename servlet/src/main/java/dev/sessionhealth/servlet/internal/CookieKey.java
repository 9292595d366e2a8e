package dev.sessionhealth.servlet.internal;

/**
 * The registry key of a cookie-mode session: our cookie's 128-bit id and 256-bit signature, decoded.
 *
 * <p>Why the signature is part of the key: a key enters the registry only for a value whose
 * signature was checked (or that we issued), and {@link #parse} accepts only the canonical spelling
 * of each part, so two keys are equal exactly when the two cookie values are. A request whose key
 * the registry holds therefore carries a value that was checked before, and needs no new check: the
 * HMAC (two SHA-256 blocks, most of the filter's own cost per request) runs once per session, not
 * once per request. The key takes 64 bytes of heap, as many as the 22-character id string it replaced.
 */
public final class CookieKey {

    private static final byte[] SIXTETS = new byte[128];

    static {
        java.util.Arrays.fill(SIXTETS, (byte) -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (int i = 0; i < alphabet.length(); i++) {
            SIXTETS[alphabet.charAt(i)] = (byte) i;
        }
    }

    private final long id0;
    private final long id1;
    private final long mac0;
    private final long mac1;
    private final long mac2;
    private final long mac3;

    private CookieKey(long[] id, long[] mac) {
        this.id0 = id[0];
        this.id1 = id[1];
        this.mac0 = mac[0];
        this.mac1 = mac[1];
        this.mac2 = mac[2];
        this.mac3 = mac[3];
    }

    /**
     * The key of a cookie value shaped as {@link CookieSigner} makes them (id, dot, signature, both
     * canonical base64url without padding), or {@code null} for anything else. Says nothing about
     * whether the signature is right.
     */
    public static CookieKey parse(String value) {
        if (value == null || value.length() != CookieSigner.VALUE_CHARS || value.charAt(CookieSigner.ID_CHARS) != '.') {
            return null;
        }
        long[] id = new long[2];
        long[] mac = new long[4];
        if (!decode(value, 0, CookieSigner.ID_CHARS, id)
                || !decode(value, CookieSigner.ID_CHARS + 1, CookieSigner.VALUE_CHARS - CookieSigner.ID_CHARS - 1, mac)) {
            return null;
        }
        return new CookieKey(id, mac);
    }

    /**
     * Decodes {@code chars} base64url characters into {@code out}, big-endian; false for a character
     * outside the alphabet or a non-canonical end (unused low bits of the last character set).
     */
    private static boolean decode(String s, int from, int chars, long[] out) {
        int pending = 0; // bits in acc not yet written
        long acc = 0;
        int written = 0; // bits written to out
        for (int i = from; i < from + chars; i++) {
            char c = s.charAt(i);
            int v = c < SIXTETS.length ? SIXTETS[c] : -1;
            if (v < 0) {
                return false;
            }
            acc = (acc << 6) | v;
            pending += 6;
            if (pending >= 8) {
                pending -= 8;
                int octet = (int) (acc >>> pending) & 0xFF;
                acc &= (1L << pending) - 1;
                out[written >>> 6] |= (long) octet << (56 - (written & 63));
                written += 8;
            }
        }
        return acc == 0 && written == out.length * 64;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CookieKey k && id0 == k.id0 && id1 == k.id1 && mac0 == k.mac0 && mac1 == k.mac1
                && mac2 == k.mac2 && mac3 == k.mac3;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(id0 ^ id1); // random bits, and only checked keys are ever stored
    }
}
