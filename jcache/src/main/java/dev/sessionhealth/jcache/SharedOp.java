package dev.sessionhealth.jcache;

import java.io.Serializable;
import javax.cache.processor.EntryProcessor;
import javax.cache.processor.MutableEntry;

/**
 * The only ways a session entry changes, each atomic on the key's entry wherever the cache runs it
 * (on the member that owns the key, for a data grid): claim the key for a new session, add an error,
 * end it, report activity. Whoever's operation ends a session is the one node that sends its end.
 */
final class SharedOp implements EntryProcessor<String, Object, SharedOp.Result>, Serializable {

    private static final long serialVersionUID = 1L;

    enum Kind { START, ERROR, CRASH, END, END_IF_LAPSED, SEEN, END_LOST, START_SENT, END_SENT, RESEND_END }

    /**
     * @param ok whether the operation applied
     * @param entry the key's session as it is now ({@code null} if there is none): after a START that
     *     did not apply, the other node's session that holds the key; for an operation run again, the
     *     session it applied to as the key holds or last held it ({@code null} if that is forgotten)
     * @param lapsed after a START that applied: the lapsed session it replaced, which the caller
     *     ends ({@code null} if none)
     */
    record Result(boolean ok, SharedSession entry, SharedSession lapsed) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    private static final java.security.SecureRandom IDS = new java.security.SecureRandom();

    private final long id = IDS.nextLong();
    private final Kind kind;
    private final long sidHigh;
    private final long sidLow;
    private final SharedSession candidate;
    private final long nowMillis;
    private final long idleMillis;
    private final long maxMillis;
    /** The liveness entry of the node that runs it, set by that node before it sends it. */
    private String by;
    /** With {@link Kind#RESEND_END}: the node whose end it takes over. */
    private String gone;
    /** With the operations that end a session: how ({@code SessionStatus} name). */
    private String status = "EXITED";

    private SharedOp(Kind kind, long sidHigh, long sidLow, SharedSession candidate, long nowMillis, long idleMillis,
            long maxMillis) {
        this.kind = kind;
        this.sidHigh = sidHigh;
        this.sidLow = sidLow;
        this.candidate = candidate;
        this.nowMillis = nowMillis;
        this.idleMillis = idleMillis;
        this.maxMillis = maxMillis;
    }

    long id() {
        return id;
    }

    /** This operation, ending a session with {@code value}. */
    SharedOp status(String value) {
        this.status = value;
        return this;
    }

    /** This operation, run by the node whose liveness entry is {@code member}. */
    SharedOp from(String member) {
        this.by = member;
        return this;
    }

    boolean isStart() {
        return kind == Kind.START;
    }

    /** Binds {@code candidate} unless a live session holds the key (a different one: the same is ours already). */
    static SharedOp start(SharedSession candidate, long nowMillis, long idleMillis, long maxMillis) {
        return new SharedOp(Kind.START, candidate.sidHigh(), candidate.sidLow(), candidate, nowMillis, idleMillis,
                maxMillis);
    }

    /** Adds an error to the live session {@code sid}: a handled one, or a crash that ends it. */
    static SharedOp error(java.util.UUID sid, boolean handled, long nowMillis) {
        return on(handled ? Kind.ERROR : Kind.CRASH, sid, nowMillis);
    }

    /** Ends the live session {@code sid}, last active at {@code atMillis} here. */
    static SharedOp end(java.util.UUID sid, long atMillis) {
        return on(Kind.END, sid, atMillis);
    }

    /** Ends the session {@code sid} if it lapsed for the whole cluster at {@code nowMillis}. */
    static SharedOp endIfLapsed(java.util.UUID sid, long nowMillis, long idleMillis, long maxMillis) {
        return new SharedOp(Kind.END_IF_LAPSED, sid.getMostSignificantBits(), sid.getLeastSignificantBits(), null,
                nowMillis, idleMillis, maxMillis);
    }

    /**
     * Claims the end of {@code lost}, a session the cache lost (a grid that restarted empty): ends it
     * if the key holds it, or nothing live; if another session holds the key by now, notes it ended as
     * that one's previous generation. Applies once per session: whoever's claim applies sends the end.
     */
    static SharedOp endLost(SharedSession lost, long nowMillis) {
        return new SharedOp(Kind.END_LOST, lost.sidHigh(), lost.sidLow(), lost, nowMillis, 0, 0);
    }

    /** Notes that the end of session {@code sid} reached the ingest (or its node holds it to send). */
    static SharedOp endSent(java.util.UUID sid) {
        return on(Kind.END_SENT, sid, 0);
    }

    /**
     * Takes over the end of the ended session {@code sid} from the node {@code ender}, which is gone
     * without having sent it: applies once, for the node that then sends it.
     */
    static SharedOp resendEnd(java.util.UUID sid, String ender) {
        SharedOp op = on(Kind.RESEND_END, sid, 0);
        op.gone = ender;
        return op;
    }

    /** Notes that the start of session {@code sid} reached the ingest (ended or not; running it twice changes nothing). */
    static SharedOp startSent(java.util.UUID sid) {
        return on(Kind.START_SENT, sid, 0);
    }

    /** Reports activity on the live session {@code sid} at {@code atMillis}. */
    static SharedOp seen(java.util.UUID sid, long atMillis) {
        return on(Kind.SEEN, sid, atMillis);
    }

    private static SharedOp on(Kind kind, java.util.UUID sid, long millis) {
        return new SharedOp(kind, sid.getMostSignificantBits(), sid.getLeastSignificantBits(), null, millis, 0, 0);
    }

    @Override
    public Result process(MutableEntry<String, Object> entry, Object... arguments) {
        SharedSession current = entry.exists() && entry.getValue() instanceof SharedSession s ? s : null;
        java.util.UUID sid = new java.util.UUID(sidHigh, sidLow);
        if (current != null && current.applied(id)) {
            // run again (by the cache, or by a node that did not get the first answer): what it did then
            SharedSession done = current.find(sid);
            return new Result(true, done, kind == Kind.START && done != null && done.startOp() == id
                    ? done.replaced() : null);
        }
        if (kind == Kind.START) {
            if (current != null && current.is(sid)) {
                return new Result(true, current, null); // the key holds it already (a session taken over)
            }
            if (current == null || current.ended() || current.lapsed(nowMillis, idleMillis, maxMillis)) {
                SharedSession lapsed = current == null || current.ended() ? null
                        : current.endedBy(current.lastSeenMillis(), current.errors(), id, by, "EXITED").bare();
                SharedSession next = candidate.after(current, id, lapsed);
                entry.setValue(next);
                return new Result(true, next, lapsed);
            }
            return new Result(false, current, null);
        }
        if (kind == Kind.END_LOST) {
            return endLost(entry, current, sid);
        }
        if (kind == Kind.END_SENT || kind == Kind.RESEND_END) {
            SharedSession of = current == null ? null : current.find(sid);
            if (of == null || !of.ended()) {
                return new Result(false, current, null);
            }
            SharedSession next;
            if (kind == Kind.END_SENT) {
                next = of.withEndSent();
            } else if (!of.endSent() && java.util.Objects.equals(of.ender(), gone)) {
                next = of.endedAgainBy(by);
            } else {
                return new Result(false, of, null); // sent, or taken over by another node already
            }
            if (next != of) {
                entry.setValue(of == current ? next : current.keepingPrevious(next));
            }
            return new Result(true, next, null);
        }
        if (kind == Kind.START_SENT) {
            SharedSession of = current == null ? null : current.find(sid);
            if (of == null) {
                return new Result(false, current, null);
            }
            SharedSession sent = of.withStartSent();
            if (sent != of) {
                entry.setValue(of == current ? sent : current.keepingPrevious(sent));
            }
            return new Result(true, sent, null);
        }
        if (current == null || current.ended() || !current.is(sid)) {
            return new Result(false, current, null);
        }
        SharedSession next = switch (kind) {
            case ERROR -> current.with(Math.max(current.lastSeenMillis(), nowMillis), current.errors() + 1, false, id);
            case CRASH -> current.endedBy(Math.max(current.lastSeenMillis(), nowMillis), current.errors() + 1, id, by,
                    status);
            case END -> current.endedBy(Math.max(current.lastSeenMillis(), nowMillis), current.errors(), id, by, status);
            case END_IF_LAPSED -> current.lapsed(nowMillis, idleMillis, maxMillis)
                    ? current.endedBy(current.lastSeenMillis(), current.errors(), id, by, "EXITED") : null;
            case SEEN -> current.seen(nowMillis, id);
            default -> throw new IllegalStateException(kind.name());
        };
        if (next == null) {
            return new Result(false, current, null);
        }
        if (next != current) {
            entry.setValue(next);
        }
        return new Result(true, next, null);
    }

    private Result endLost(MutableEntry<String, Object> entry, SharedSession current, java.util.UUID sid) {
        if (current != null && current.is(sid)) {
            if (current.ended()) {
                return new Result(false, current, null);
            }
            SharedSession ended = current.endedBy(current.lastSeenMillis(), current.errors(), id, by, status);
            entry.setValue(ended);
            return new Result(true, ended, null);
        }
        if (current != null && current.previous() != null && current.previous().is(sid)) {
            return new Result(false, current, null); // ended already, by whoever put it there
        }
        SharedSession tombstone = candidate.endedBy(candidate.lastSeenMillis(), candidate.errors(), id, by, status);
        if (current == null || current.ended()) {
            entry.setValue(tombstone.after(current, id, null).endedBy(tombstone.lastSeenMillis(), tombstone.errors(),
                    id, by, status));
            return new Result(true, tombstone, null);
        }
        entry.setValue(current.withPrevious(tombstone.bare(), id)); // the key moved on: the lost one ends all the same
        return new Result(true, tombstone, null);
    }
}
