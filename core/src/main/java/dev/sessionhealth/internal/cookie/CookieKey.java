package dev.sessionhealth.internal.cookie;

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
public final class CookieKey implements dev.sessionhealth.internal.session.SharedKey {

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
     * of {@code text}: read in place from the {@code Cookie} header, without copying it out of the
     * header first.
     */
    static CookieKey parse(String text, int from, int to) {
        int mac = from + CookieSigner.ID_CHARS + 1;
        if (to - from != CookieSigner.VALUE_CHARS || text.charAt(mac - 1) != '.'
                || !canonical(text, from, CookieSigner.ID_CHARS) || !canonical(text, mac, to - mac)) {
            return null;
        }
        // decoded word by word into the fields: no scratch array, which a request would allocate
        return new CookieKey(word(text, from, 0), word(text, from, 1), word(text, mac, 0), word(text, mac, 1),
                word(text, mac, 2), word(text, mac, 3));
    }

    /**
     * Whether the {@code chars} characters from {@code from} are all base64url and end canonically:
     * the bits of the last character past the last whole 64-bit word are zero.
     */
    private static boolean canonical(String s, int from, int chars) {
        int bad = 0;
        for (int i = from; i < from + chars; i++) {
            char c = s.charAt(i);
            bad |= c < SIXTETS.length ? SIXTETS[c] : -1;
        }
        int unused = chars * 6 % 64;
        return bad >= 0 && (SIXTETS[s.charAt(from + chars - 1)] & ((1 << unused) - 1)) == 0;
    }

    /**
     * Bits {@code 64 * w} to {@code 64 * w + 63} of the base64url characters from {@code from},
     * big-endian, as one word; the characters were checked by {@link #canonical}.
     */
    private static long word(String s, int from, int w) {
        int bit = 64 * w;
        int i = from + bit / 6;
        int skip = bit % 6; // the high bits of the first character belong to the word before
        long acc = SIXTETS[s.charAt(i++)] & (0x3F >>> skip);
        int n = 6 - skip;
        while (n <= 58) {
            acc = (acc << 6) | SIXTETS[s.charAt(i++)];
            n += 6;
        }
        int rest = 64 - n; // 0 to 5 bits, the high ones of the next character
        return rest == 0 ? acc : (acc << rest) | (SIXTETS[s.charAt(i)] >>> (6 - rest));
    }

    /**
     * The cookie's id in hex: what every node with the same cookie key finds this cookie's session
     * under. The signature is left out: a key exists only for a checked value, and the same id checks
     * with one signature only.
     */
    @Override
    public String sharedId() {
        return hex(id0) + hex(id1);
    }

    private static String hex(long v) {
        String h = Long.toHexString(v);
        return "0".repeat(16 - h.length()) + h;
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
