package dev.sessionhealth.internal.store;

import dev.sessionhealth.SessionStatus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads the session log line by line from its bytes and applies each record to a fold.
 *
 * <p>Every record but the start has one fixed shape, the one {@link SessionJournal} writes (its JSON
 * generator writes the fields in call order, numbers as plain digits, and the status words need no
 * escaping). Those lines are matched byte by byte here, with no string per line and no parser: the
 * activity records alone are most of a busy log, and the sender thread reads the whole log back at
 * every rewrite. A start, and any line that does not match its shape exactly (torn, written by
 * hand, or by another version), goes to {@link SessionJournal#applyParsed}, which reads any JSON.
 */
final class JournalLines {

    private static final byte[] KIND = ascii("{\"k\":\"");
    private static final byte[] SID = ascii("\",\"sid\":\"");
    private static final byte[] TIME = ascii(",\"t\":");
    private static final byte[] STATUS = ascii(",\"status\":\"");
    private static final byte[] ERRORS = ascii("\",\"errors\":");
    private static final byte[] INIT = ascii(",\"init\":1");
    private static final byte[] END = ascii(",\"end\":1");
    private static final byte[] UPDATES = ascii(",\"n\":");
    private static final SessionStatus[] STATUSES = SessionStatus.values();
    private static final byte[][] STATUS_WORDS = new byte[STATUSES.length][];

    static {
        for (int i = 0; i < STATUSES.length; i++) {
            STATUS_WORDS[i] = ascii(STATUSES[i].wireName());
        }
    }

    private static final int APPLIED = 1;
    private static final int NO_START = 0;
    private static final int NOT_MATCHED = -1;

    /** The line being matched: {@code b[at, to)} is what is left of it. */
    private byte[] b;
    private int at;
    private int to;
    private final SessionJournal.Fold fold;
    // the values of the record being matched
    private long time;
    private SessionStatus status;
    private long number;
    private boolean init;
    private boolean end;

    private JournalLines(SessionJournal.Fold fold) {
        this.fold = fold;
    }

    /** Applies every line of {@code in} to {@code fold}, the last one too if it has no line end (torn). */
    static void read(InputStream in, SessionJournal.Fold fold) throws IOException {
        JournalLines lines = new JournalLines(fold);
        byte[] buf = new byte[256 * 1024];
        int start = 0; // the line being read begins here
        int end = 0; // bytes read so far end here
        int scan = 0; // no line end before this
        for (int n; (n = in.read(buf, end, buf.length - end)) >= 0; ) {
            end += n;
            for (int i = scan; i < end; i++) {
                if (buf[i] == '\n') {
                    lines.line(buf, start, i);
                    start = i + 1;
                }
            }
            scan = end;
            if (end == buf.length) { // room for the next read: move the partial line to the front, or grow
                if (start == 0) {
                    buf = java.util.Arrays.copyOf(buf, buf.length * 2);
                } else {
                    System.arraycopy(buf, start, buf, 0, end - start);
                    end -= start;
                    scan = end;
                    start = 0;
                }
            }
        }
        if (start < end) {
            lines.line(buf, start, end);
        }
    }

    private void line(byte[] b, int from, int to) {
        if (to > from && b[to - 1] == '\r') {
            to--;
        }
        if (blank(b, from, to)) {
            return;
        }
        this.b = b;
        this.at = from;
        this.to = to;
        int applied = apply();
        if (applied == NOT_MATCHED) {
            if (!SessionJournal.applyParsed(fold, new String(b, from, to - from, StandardCharsets.UTF_8))) {
                fold.skippedLines++;
            }
        } else if (applied == NO_START) {
            fold.skippedLines++; // no start before it: not ours, or written by a rewrite that was cut short
        }
    }

    private static boolean blank(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            byte c = b[i];
            if (c != ' ' && c != '\t' && c != '\f' && c != 0x0B) {
                return false;
            }
        }
        return true;
    }

    /** A record in the shape {@link SessionJournal} writes it; {@link #NOT_MATCHED} for anything else. */
    private int apply() {
        if (!literal(KIND) || at >= to) {
            return NOT_MATCHED;
        }
        byte kind = b[at++];
        if (kind == 's' || !literal(SID) || to - at < 33) {
            return NOT_MATCHED;
        }
        int sidAt = at;
        for (int i = 0; i < 32; i++) {
            byte c = b[at++];
            if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
                return NOT_MATCHED;
            }
        }
        if (b[at++] != '"') {
            return NOT_MATCHED;
        }
        if (!rest(kind)) {
            return NOT_MATCHED;
        }
        String sid = new String(b, sidAt, 32, StandardCharsets.ISO_8859_1);
        SessionJournal.JournaledSession s = fold.sessions.get(sid);
        if (s == null) {
            return NO_START;
        }
        switch (kind) {
            case 'a' -> s.active(time);
            case 'u' -> s.updated(time, status, number);
            case 'i' -> s.initAccepted = true;
            case 'o' -> s.wentOut(init, end);
            case 'r' -> s.notDelivered();
            case 'd' -> fold.sessions.remove(sid);
            default -> s.evicted(number); // 'x', the only other kind rest() matches
        }
        return APPLIED;
    }

    /**
     * Matches what follows the sid in a record of this kind, to the end of the line, and keeps its
     * values in {@link #time}, {@link #status}, {@link #number}, {@link #init} and {@link #end}.
     */
    private boolean rest(byte kind) {
        switch (kind) {
            case 'a' -> {
                if (!literal(TIME) || !number()) {
                    return false;
                }
                time = number;
            }
            case 'u' -> {
                if (!literal(TIME) || !number()) {
                    return false;
                }
                time = number;
                status = literal(STATUS) ? status() : null;
                if (status == null || !literal(ERRORS) || !number()) {
                    return false;
                }
            }
            case 'o' -> {
                init = literal(INIT);
                end = literal(END);
            }
            case 'x' -> {
                if (!literal(UPDATES) || !number()) {
                    return false;
                }
            }
            case 'i', 'r', 'd' -> {
                // nothing but the sid
            }
            default -> {
                return false;
            }
        }
        return closed();
    }

    /** Skips {@code s} if the line continues with it. */
    private boolean literal(byte[] s) {
        if (to - at < s.length) {
            return false;
        }
        for (int i = 0; i < s.length; i++) {
            if (b[at + i] != s[i]) {
                return false;
            }
        }
        at += s.length;
        return true;
    }

    /** Reads a non-negative number of at most 18 digits, as the generator writes it, into {@link #number}. */
    private boolean number() {
        int from = at;
        long n = 0;
        while (at < to && b[at] >= '0' && b[at] <= '9' && at - from < 18) {
            n = n * 10 + (b[at++] - '0');
        }
        if (at == from || (b[from] == '0' && at - from > 1) || (at < to && b[at] >= '0' && b[at] <= '9')) {
            return false; // none, a leading zero, or too long: left to the parser
        }
        number = n;
        return true;
    }

    /** A status word and its closing quote. */
    private SessionStatus status() {
        for (int i = 0; i < STATUSES.length; i++) {
            byte[] w = STATUS_WORDS[i];
            if (to - at > w.length && b[at + w.length] == '"' && literal(w)) {
                return STATUSES[i];
            }
        }
        return null;
    }

    /** The record ends here. */
    private boolean closed() {
        return to - at == 1 && b[at] == '}';
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
