package dev.sessionhealth.internal.session;

/**
 * Makes client-supplied text fit to send: the ingest stores user agents and addresses as given, so
 * control characters (C0, DEL, C1, as raw or non-UTF-8 header bytes decode to) would reach the
 * project, and a 16 KiB user agent would ride along with every update of the session. The one
 * cleaning for every source: the servlet filter's request headers and {@link
 * dev.sessionhealth.SessionContext}'s values alike.
 */
public final class ClientText {

    /** Longer than any real browser's user agent; the rest is cut. */
    static final int MAX_USER_AGENT = 512;
    /** The longest literal IPv6 address with a zone, with room to spare. */
    private static final int MAX_ADDRESS = 64;

    private ClientText() {
    }

    /**
     * The user agent with every run of control characters and whitespace made one space, trimmed and
     * cut to {@link #MAX_USER_AGENT} characters (never inside a surrogate pair); {@code null} if nothing
     * is left.
     */
    public static String userAgent(String raw) {
        if (raw == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(Math.min(raw.length(), MAX_USER_AGENT));
        boolean space = false;
        for (int i = 0; i < raw.length() && out.length() < MAX_USER_AGENT; i++) {
            char c = raw.charAt(i);
            if (control(c) || Character.isWhitespace(c)) {
                space = out.length() > 0;
                continue;
            }
            if (space) {
                out.append(' ');
                space = false;
            }
            out.append(c);
        }
        int end = Math.min(out.length(), MAX_USER_AGENT);
        if (end > 0 && Character.isHighSurrogate(out.charAt(end - 1))) {
            end--;
        }
        out.setLength(end);
        return out.length() == 0 ? null : out.toString();
    }

    /**
     * The address as the ingest parses one (a plain IPv4 or IPv6 literal: brackets and an IPv6 zone
     * are dropped) if it is one, which is what containers give from the socket or from a forwarded
     * header a proxy valve checked; otherwise {@code null}.
     */
    public static String address(String raw) {
        if (raw == null || raw.length() > MAX_ADDRESS) {
            return null;
        }
        String a = raw.startsWith("[") && raw.endsWith("]") ? raw.substring(1, raw.length() - 1) : raw;
        int zone = a.indexOf('%');
        if (zone >= 0) {
            a = a.substring(0, zone);
        }
        if (a.isEmpty() || (a.indexOf('.') < 0 && a.indexOf(':') < 0)) {
            return null;
        }
        for (int i = 0; i < a.length(); i++) {
            char c = a.charAt(i);
            boolean ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
                    || c == '.' || c == ':';
            if (!ok) {
                return null;
            }
        }
        return a;
    }

    private static boolean control(char c) {
        return c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0);
    }
}
