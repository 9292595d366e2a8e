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
     * out of the header or decoding through a buffer. One pass over the characters: each adds six bits
     * to an accumulator, and every 64 bits make the next word.
     */
    public static CookieKey parse(String text, int from, int to) {
        int dot = from + CookieSigner.ID_CHARS;
        if (to - from != CookieSigner.VALUE_CHARS || text.charAt(dot) != '.') {
            return null;
        }
        long w0 = 0;
        long w1 = 0;
        long w2 = 0;
        long w3 = 0;
        long w4 = 0;
        long acc = 0; // the bits read and not yet part of a word: n of them
        int n = 0;
        int words = 0;
        int bad = 0;
        for (int i = from; i < to; i++) {
            if (i == dot) {
                if (acc != 0) { // the id's spare low bits (132 - 128) must be zero
                    return null;
                }
                n = 0;
                continue;
            }
            char c = text.charAt(i);
            int v = c < SIXTETS.length ? SIXTETS[c] : -1;
            bad |= v;
            v &= 63;
            int spill = n + 6 - 64; // bits of this character beyond the current word
            if (spill < 0) {
                acc = (acc << 6) | v;
                n += 6;
                continue;
            }
            long word = (acc << (6 - spill)) | (v >>> spill);
            acc = v & ((1 << spill) - 1);
            n = spill;
            switch (words++) {
                case 0 -> w0 = word;
                case 1 -> w1 = word;
                case 2 -> w2 = word;
                case 3 -> w3 = word;
                case 4 -> w4 = word;
                default -> {
                    // the sixth word is the last: its spare low bits (258 - 256) must be zero
                    return bad < 0 || acc != 0 || i != to - 1 ? null : new CookieKey(w0, w1, w2, w3, w4, word);
                }
            }
        }
        return null;
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
