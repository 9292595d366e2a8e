package dev.sessionhealth.testing;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the ingest holds per session, read from the envelopes it ACCEPTED (answered 2xx), in arrival
 * order, and checked against the invariants a counting ingest needs (it never deduplicates: every
 * {@code init:true} is a started session, every terminal status an ended one):
 * <ul>
 * <li><b>I1</b> init exactly once: one accepted item with {@code init:true} per sid, and it is the
 * sid's first accepted item. An item before it, or a sid without any init, is an <i>orphan</i>.</li>
 * <li><b>I2</b> one end: at most one accepted item with a terminal status ({@code exited},
 * {@code crashed}, {@code abnormal}, {@code unhandled}), and nothing of that sid after it.</li>
 * <li><b>I3</b> every session ends: each sid with an accepted init has an accepted terminal item
 * (checked only when asked for).</li>
 * <li><b>I4</b> honest times: {@code timestamp >= started}; {@code duration} (seconds) equals
 * {@code timestamp - started} within 1 ms; {@code started}, {@code did} and {@code attrs} never
 * change within a sid; the terminal item is not older than any earlier item of its sid.</li>
 * </ul>
 * Refused envelopes (non-2xx, or cut off unanswered) are counted but not read: the ingest did not
 * store them. Only {@code session} items are read; aggregates and client reports are ignored.
 */
public final class IngestLedger {

    /** Statuses that end a session. */
    public static final Set<String> TERMINAL = Set.of("exited", "crashed", "abnormal", "unhandled");

    /** The invariant a violation breaks. */
    public enum Invariant {
        /** I1: an item of a sid before its init, or a sid without an accepted init. */
        I1_ORPHAN("I1 orphan"),
        /** I1: a second accepted {@code init:true}. */
        I1_DUPLICATE_INIT("I1 init twice"),
        /** I2: a second accepted terminal item. */
        I2_DUPLICATE_END("I2 ended twice"),
        /** I2: a non-terminal item accepted after the terminal one. */
        I2_AFTER_END("I2 item after its end"),
        /** I3: an accepted init without an accepted terminal item. */
        I3_NEVER_ENDED("I3 never ended"),
        /** I4: a time or an attribute that contradicts the session's other items. */
        I4_TIMES("I4 times/attributes");

        private final String label;

        Invariant(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** One broken invariant: which session, which item (index within the sid, or -1), what is wrong. */
    public record Violation(String sid, Invariant invariant, int item, String detail) {
        @Override
        public String toString() {
            return invariant + " sid=" + sid + (item >= 0 ? " item#" + item : "") + ": " + detail;
        }
    }

    /**
     * One accepted session item: its position (envelope index in arrival order, item index in the
     * envelope) and its JSON.
     */
    public record Item(int envelope, int index, Map<String, Object> json) {
        public String sid() {
            return (String) json.get("sid");
        }

        public boolean init() {
            return Boolean.TRUE.equals(json.get("init"));
        }

        public String status() {
            return (String) json.get("status");
        }

        public boolean terminal() {
            return TERMINAL.contains(status());
        }

        public Object started() {
            return json.get("started");
        }

        public Object timestamp() {
            return json.get("timestamp");
        }

        public Object did() {
            return json.get("did");
        }

        public Object attrs() {
            return json.get("attrs");
        }

        public Number errors() {
            return (Number) json.get("errors");
        }

        /** {@code sid status init=.. errors=.. timestamp} in envelope #n: for failure messages. */
        String describe() {
            return status() + (init() ? " init" : "") + " errors=" + errors() + " ts=" + timestamp()
                    + " (envelope #" + envelope + ")";
        }
    }

    private final Map<String, List<Item>> bySid = new LinkedHashMap<>();
    private final int envelopes;
    private final int refusedEnvelopes;
    private final int refusedItems;
    private final int acceptedItems;

    private IngestLedger(List<ReceivedEnvelope> all) {
        int refused = 0;
        int refusedSessions = 0;
        int items = 0;
        for (int e = 0; e < all.size(); e++) {
            ReceivedEnvelope envelope = all.get(e);
            if (!envelope.accepted()) {
                refused++;
                if (!envelope.cutOff()) {
                    refusedSessions += envelope.payloads("session").size();
                }
                continue;
            }
            List<Map<String, Object>> sessions = envelope.payloads("session");
            for (int i = 0; i < sessions.size(); i++) {
                Item item = new Item(e, i, sessions.get(i));
                bySid.computeIfAbsent(String.valueOf(item.sid()), k -> new ArrayList<>()).add(item);
                items++;
            }
        }
        this.envelopes = all.size();
        this.refusedEnvelopes = refused;
        this.refusedItems = refusedSessions;
        this.acceptedItems = items;
    }

    /** The ledger of these envelopes, in this (arrival) order. */
    public static IngestLedger of(List<ReceivedEnvelope> envelopes) {
        return new IngestLedger(envelopes);
    }

    /**
     * The ledger of everything this ingest received since it started, {@link FakeIngest#clear()}
     * notwithstanding ({@link FakeIngest#history()}): a clear resets a test's view, not what the
     * ingest counted.
     */
    public static IngestLedger of(FakeIngest ingest) {
        return new IngestLedger(ingest.history());
    }

    // ---- what the ingest holds ----

    /** Every sid with at least one accepted item, in order of its first accepted item. */
    public Set<String> sids() {
        return Collections.unmodifiableSet(bySid.keySet());
    }

    /** The accepted items of this sid, in arrival order (empty if none). */
    public List<Item> items(String sid) {
        return List.copyOf(bySid.getOrDefault(sid, List.of()));
    }

    /** The status of the sid's last accepted item ({@code null} if none). */
    public String statusOf(String sid) {
        List<Item> items = bySid.get(sid);
        return items == null ? null : items.get(items.size() - 1).status();
    }

    /** The status of the sid's first accepted terminal item ({@code null} if it never ended). */
    public String endOf(String sid) {
        for (Item item : bySid.getOrDefault(sid, List.of())) {
            if (item.terminal()) {
                return item.status();
            }
        }
        return null;
    }

    /** Sids with at least one accepted init: the sessions the ingest counts as started. */
    public Set<String> startsAccepted() {
        Set<String> out = new LinkedHashSet<>();
        bySid.forEach((sid, items) -> {
            if (items.stream().anyMatch(Item::init)) {
                out.add(sid);
            }
        });
        return out;
    }

    /** Sids with at least one accepted terminal item: the sessions the ingest counts as ended. */
    public Set<String> endsAccepted() {
        Set<String> out = new LinkedHashSet<>();
        bySid.forEach((sid, items) -> {
            if (items.stream().anyMatch(Item::terminal)) {
                out.add(sid);
            }
        });
        return out;
    }

    /** Accepted init items, all of them (a sid counted twice counts twice here). */
    public int initItems() {
        return (int) bySid.values().stream().flatMap(List::stream).filter(Item::init).count();
    }

    /** Accepted terminal items by status, all of them (what the ingest's counters say). */
    public Map<String, Integer> terminalCounts() {
        Map<String, Integer> out = new TreeMap<>();
        bySid.values().stream().flatMap(List::stream).filter(Item::terminal)
                .forEach(i -> out.merge(i.status(), 1, Integer::sum));
        return out;
    }

    /** Extra inits + extra terminal items + items after a terminal item (I1 and I2 excess). */
    public int duplicates() {
        return count(Invariant.I1_DUPLICATE_INIT) + count(Invariant.I2_DUPLICATE_END)
                + count(Invariant.I2_AFTER_END);
    }

    /** Sids with an accepted item before their first init, or with items and no init at all. */
    public Set<String> orphans() {
        Set<String> out = new LinkedHashSet<>();
        for (Violation v : check(false)) {
            if (v.invariant() == Invariant.I1_ORPHAN) {
                out.add(v.sid());
            }
        }
        return out;
    }

    /** Accepted items that came before their sid's init (or of a sid without init). */
    public int orphanItems() {
        int n = 0;
        for (List<Item> items : bySid.values()) {
            for (Item item : items) {
                if (item.init()) {
                    break;
                }
                n++;
            }
        }
        return n;
    }

    /** Sids with an accepted init and no accepted terminal item. */
    public Set<String> neverEnded() {
        Set<String> out = new LinkedHashSet<>(startsAccepted());
        out.removeAll(endsAccepted());
        return out;
    }

    /** Sids with an accepted {@code abnormal} after an accepted {@code exited}, {@code crashed} or {@code unhandled}. */
    public Set<String> abnormalAfterEnd() {
        Set<String> out = new LinkedHashSet<>();
        bySid.forEach((sid, items) -> {
            boolean ended = false;
            for (Item item : items) {
                if (ended && "abnormal".equals(item.status())) {
                    out.add(sid);
                }
                ended |= item.terminal() && !"abnormal".equals(item.status());
            }
        });
        return out;
    }

    public int envelopes() {
        return envelopes;
    }

    /** Envelopes not answered 2xx (refused, or cut off unanswered): not stored, not read. */
    public int refusedEnvelopes() {
        return refusedEnvelopes;
    }

    public int acceptedItems() {
        return acceptedItems;
    }

    // ---- the invariants ----

    /** Every violation of I1, I2, I4, and of I3 if {@code everySessionEnds}; in sid order. */
    public List<Violation> violations(boolean everySessionEnds) {
        return check(everySessionEnds);
    }

    /**
     * Fails with one line per violation (sid, invariant, the offending item) and the figures, if any
     * invariant is broken; I3 only if {@code everySessionEnds}.
     */
    public void assertExact(boolean everySessionEnds) {
        List<Violation> found = check(everySessionEnds);
        if (found.isEmpty()) {
            return;
        }
        Map<Invariant, Integer> byKind = new TreeMap<>();
        found.forEach(v -> byKind.merge(v.invariant(), 1, Integer::sum));
        StringBuilder out = new StringBuilder("the ingest's ledger breaks its invariants: ").append(byKind)
                .append("\n  ").append(figures());
        int shown = 0;
        for (Violation v : found) {
            if (shown++ == 60) {
                out.append("\n  ... and ").append(found.size() - 60).append(" more");
                break;
            }
            out.append("\n  ").append(v);
        }
        throw new AssertionError(out.toString());
    }

    /** One line {@code key=value ...} of what the ingest holds, for figures files and failure messages. */
    public String figures() {
        StringBuilder line = new StringBuilder();
        figureMap().forEach((k, v) -> line.append(line.length() == 0 ? "" : " ").append(k).append('=').append(v));
        return line.toString();
    }

    /** The figures as a map, in the order of {@link #figures()}, to merge into a scenario's figures. */
    public Map<String, Object> figureMap() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("envelopes", envelopes);
        f.put("refusedEnvelopes", refusedEnvelopes);
        f.put("itemsAccepted", acceptedItems);
        f.put("itemsRefused", refusedItems);
        f.put("sids", bySid.size());
        f.put("startsAccepted", startsAccepted().size());
        f.put("endsAccepted", endsAccepted().size());
        f.put("duplicates", duplicates());
        f.put("orphans", orphans().size());
        f.put("neverEnded", neverEnded().size());
        f.put("timeViolations", count(Invariant.I4_TIMES));
        f.put("abnormalAfterEnd", abnormalAfterEnd().size());
        Map<String, Integer> terminal = terminalCounts();
        for (String status : List.of("exited", "crashed", "abnormal", "unhandled")) {
            f.put(status, terminal.getOrDefault(status, 0));
        }
        return f;
    }

    private int count(Invariant kind) {
        return (int) check(false).stream().filter(v -> v.invariant() == kind).count();
    }

    private List<Violation> check(boolean everySessionEnds) {
        List<Violation> out = new ArrayList<>();
        bySid.forEach((sid, items) -> checkSid(sid, items, everySessionEnds, out));
        return out;
    }

    private static void checkSid(String sid, List<Item> items, boolean everySessionEnds, List<Violation> out) {
        // I1
        int firstInit = -1;
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).init()) {
                if (firstInit < 0) {
                    firstInit = i;
                } else {
                    out.add(new Violation(sid, Invariant.I1_DUPLICATE_INIT, i, "init again: " + items.get(i).describe()
                            + "; first init was item#" + firstInit + " " + items.get(firstInit).describe()));
                }
            }
        }
        if (firstInit < 0) {
            out.add(new Violation(sid, Invariant.I1_ORPHAN, 0, items.size() + " item(s) and no init; first: "
                    + items.get(0).describe()));
        } else if (firstInit > 0) {
            out.add(new Violation(sid, Invariant.I1_ORPHAN, 0, firstInit + " item(s) before its init; first: "
                    + items.get(0).describe()));
        }
        // I2
        int end = -1;
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            if (end < 0) {
                if (item.terminal()) {
                    end = i;
                }
            } else if (item.terminal()) {
                out.add(new Violation(sid, Invariant.I2_DUPLICATE_END, i, "ended again: " + item.describe()
                        + "; first end was item#" + end + " " + items.get(end).describe()));
            } else {
                out.add(new Violation(sid, Invariant.I2_AFTER_END, i, item.describe() + " after its end item#" + end
                        + " " + items.get(end).describe()));
            }
        }
        // I3
        if (everySessionEnds && firstInit >= 0 && end < 0) {
            out.add(new Violation(sid, Invariant.I3_NEVER_ENDED, -1, "started (init accepted) and never ended; last: "
                    + items.get(items.size() - 1).describe()));
        }
        checkTimes(sid, items, end, out);
    }

    private static void checkTimes(String sid, List<Item> items, int end, List<Violation> out) {
        Item first = items.get(0);
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            Instant started = instant(item.started());
            Instant timestamp = instant(item.timestamp());
            if (started == null || timestamp == null) {
                out.add(new Violation(sid, Invariant.I4_TIMES, i, "unreadable started/timestamp: " + item.json()));
                continue;
            }
            if (timestamp.isBefore(started)) {
                out.add(new Violation(sid, Invariant.I4_TIMES, i, "timestamp " + timestamp + " before started " + started));
            }
            Object duration = item.json().get("duration");
            double expected = (timestamp.toEpochMilli() - started.toEpochMilli()) / 1000.0;
            if (!(duration instanceof Number d)) {
                out.add(new Violation(sid, Invariant.I4_TIMES, i, "no duration"));
            } else if (Math.abs(d.doubleValue() - expected) > 0.001 + 1e-9) {
                out.add(new Violation(sid, Invariant.I4_TIMES, i, "duration " + d + "s but timestamp - started = "
                        + expected + "s"));
            }
            if (i > 0) {
                changed(sid, i, "started", first.started(), item.started(), out);
                changed(sid, i, "did", first.did(), item.did(), out);
                changed(sid, i, "attrs", first.attrs(), item.attrs(), out);
            }
        }
        if (end > 0) {
            Instant ended = instant(items.get(end).timestamp());
            for (int i = 0; i < end && ended != null; i++) {
                Instant earlier = instant(items.get(i).timestamp());
                if (earlier != null && earlier.isAfter(ended)) {
                    out.add(new Violation(sid, Invariant.I4_TIMES, end, "terminal " + items.get(end).status() + " at "
                            + ended + " is older than item#" + i + " " + items.get(i).describe()));
                }
            }
        }
    }

    private static void changed(String sid, int i, String field, Object was, Object now, List<Violation> out) {
        if (!Objects.equals(was, now)) {
            out.add(new Violation(sid, Invariant.I4_TIMES, i, field + " changed from " + was + " to " + now));
        }
    }

    private static Instant instant(Object value) {
        if (!(value instanceof String text)) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
