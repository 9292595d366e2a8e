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

    private CookieKey(long id0, long id1, long mac0, long mac1, long mac2, long mac3) {
        this.id0 = id0;
        this.id1 = id1;
        this.mac0 = mac0;
        this.mac1 = mac1;
        this.mac2 = mac2;
        this.mac3 = mac3;
    }

    /**
     * The key of a cookie value shaped as {@link CookieSigner} makes them (id, dot, signature, both
     * canonical base64url without padding), or {@code null} for anything else. Says nothing about
     * whether the signature is right.
     */
    public static CookieKey parse(String value) {
        return value == null ? null : parse(value, 0, value.length());
    }

    /**
     * As {@link #parse(String)}, for the value at {@code from} (inclusive) to {@code to} (exclusive)
     * of {@code text}: the filter reads it in place from the {@code Cookie} header, without copying it
     * out of the header or decoding through a buffer.
     */
    public static CookieKey parse(String text, int from, int to) {
        int mac = from + CookieSigner.ID_CHARS + 1;
        if (to - from != CookieSigner.VALUE_CHARS || text.charAt(mac - 1) != '.'
                || !canonical(text, from, mac - 1) || !canonical(text, mac, to)) {
            return null;
        }
        return new CookieKey(word(text, from, 0), word(text, from, 64),
                word(text, mac, 0), word(text, mac, 64), word(text, mac, 128), word(text, mac, 192));
    }

    /**
     * Whether {@code text[from, to)} is all base64url and canonical: the bits of its last character
     * that fall beyond the last whole 64-bit word are zero (22 characters carry 132 bits for a 128-bit
     * id; 43 carry 258 for a 256-bit signature).
     */
    private static boolean canonical(String text, int from, int to) {
        int bad = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            bad |= c < SIXTETS.length ? SIXTETS[c] : -1;
        }
        int spare = (to - from) * 6 % 64; // bits beyond the last whole word, all in the last character
        return bad >= 0 && (SIXTETS[text.charAt(to - 1)] & ((1 << spare) - 1)) == 0;
    }

    /** The 64 bits from bit {@code bit} on of the base64url characters starting at {@code from}, big-endian. */
    private static long word(String text, int from, int bit) {
        int at = from + bit / 6;
        int skip = bit % 6; // leading bits of the first character that belong to the previous word
        long acc = SIXTETS[text.charAt(at++)] & ((1 << (6 - skip)) - 1);
        int have = 6 - skip;
        while (have <= 58) {
            acc = (acc << 6) | SIXTETS[text.charAt(at++)];
            have += 6;
        }
        int need = 64 - have; // 0..5 bits, from the top of the next character
        return need == 0 ? acc : (acc << need) | (SIXTETS[text.charAt(at)] >>> (6 - need));
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
