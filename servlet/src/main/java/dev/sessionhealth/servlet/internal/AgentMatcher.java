package dev.sessionhealth.servlet.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Finds any of a list of substrings in a user agent, ignoring case; runs on every request, so for
 * the usual user agent (Latin-1 text, ASCII substrings) it is one pass over the header's bytes: a
 * bit per pair of lower-case characters says whether a substring starts with that pair, and only
 * where one does are the substrings starting there compared. Anything else (a substring outside
 * ASCII, a character outside Latin-1) takes the plain way: lower-case the header and search each.
 */
final class AgentMatcher {

    private static final String[] NONE = new String[0];

    private final String[] all;
    /** Substrings by their first character (all ASCII when {@link #asciiOnly}). */
    private final String[][] byFirst = new String[128][];
    /** Bit {@code first * 128 + second}: some substring starts with these two characters. */
    private final long[] pairs = new long[128 * 128 / 64];
    private final boolean asciiOnly;

    AgentMatcher(List<String> substrings) {
        List<String> lower = new ArrayList<>();
        for (String s : substrings) {
            if (!s.isEmpty()) {
                lower.add(s.toLowerCase(Locale.ROOT));
            }
        }
        this.all = lower.toArray(String[]::new);
        this.asciiOnly = lower.stream().allMatch(s -> s.chars().allMatch(c -> c < 128));
        List<List<String>> groups = new ArrayList<>();
        for (int i = 0; i < 128; i++) {
            groups.add(new ArrayList<>());
        }
        if (asciiOnly) {
            for (String s : all) {
                groups.get(s.charAt(0)).add(s);
                markPairs(s);
            }
        }
        for (int i = 0; i < 128; i++) {
            byFirst[i] = groups.get(i).isEmpty() ? NONE : groups.get(i).toArray(String[]::new);
        }
    }

    /** Whether {@code userAgent} contains one of the substrings, ignoring case. */
    boolean matches(String userAgent) {
        if (all.length == 0) {
            return false;
        }
        if (!asciiOnly) {
            return plain(userAgent);
        }
        // exact for Latin-1 text; a character beyond it turns into '?', and then the plain way decides
        byte[] b = userAgent.getBytes(StandardCharsets.ISO_8859_1);
        int last = b.length - 1;
        for (int i = 0; i < b.length; i++) {
            int c = fold(b[i]);
            if (c == '?') {
                return plain(userAgent);
            }
            if (c < 128 && startsPair(c, i < last ? fold(b[i + 1]) : 0) && found(b, i, byFirst[c])) {
                return true;
            }
        }
        return false;
    }

    private boolean plain(String userAgent) {
        String ua = userAgent.toLowerCase(Locale.ROOT);
        for (String s : all) {
            if (ua.contains(s)) {
                return true;
            }
        }
        return false;
    }

    private void markPairs(String s) {
        int first = s.charAt(0);
        if (s.length() == 1) {
            for (int c = 0; c < 128; c++) { // any character may follow
                pairs[(first * 128 + c) >>> 6] |= 1L << ((first * 128 + c) & 63);
            }
        } else {
            int bit = first * 128 + s.charAt(1);
            pairs[bit >>> 6] |= 1L << (bit & 63);
        }
    }

    /** {@code c} is ASCII; a {@code next} beyond ASCII starts no pair of an ASCII substring. */
    private boolean startsPair(int c, int next) {
        int bit = c * 128 + (next < 128 ? next : 0);
        return (pairs[bit >>> 6] & (1L << (bit & 63))) != 0;
    }

    /** Whether one of the candidates (all starting with the character at {@code at}) follows there. */
    private static boolean found(byte[] b, int at, String[] candidates) {
        for (String s : candidates) {
            int n = s.length();
            if (at + n > b.length) {
                continue;
            }
            int j = 1;
            while (j < n && fold(b[at + j]) == s.charAt(j)) {
                j++;
            }
            if (j == n) {
                return true;
            }
        }
        return false;
    }

    /** A Latin-1 byte as a lower-case character. */
    private static int fold(byte b) {
        int c = b & 0xff;
        if (c >= 'A' && c <= 'Z') {
            return c + ('a' - 'A');
        }
        return c < 128 ? c : Character.toLowerCase(c);
    }
}
