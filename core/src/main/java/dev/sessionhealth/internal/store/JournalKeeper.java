package dev.sessionhealth.internal.store;

import dev.sessionhealth.SessionStatus;
import dev.sessionhealth.internal.DiscardCounters;
import dev.sessionhealth.internal.WarnOnce;
import dev.sessionhealth.internal.send.PendingUpdates;
import dev.sessionhealth.internal.session.ActivityStack;
import dev.sessionhealth.internal.session.SessionAttributes;
import dev.sessionhealth.internal.session.SessionState;
import dev.sessionhealth.internal.session.SessionUpdate;
import dev.sessionhealth.internal.wire.SessionRenderer;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;

/**
 * The sender thread's side of the {@link SessionJournal}: appends what the sender takes from the
 * queue before anything of it is sent, the starts and ends of an envelope as soon as its body went out
 * (a process that dies waiting for the answer must not have the ingest count them twice), what the
 * ingest accepted or did not take once it answered; recovers what a previous process left
 * undelivered, and keeps the log small.
 *
 * <p>If the disk fails (full, read-only, gone), the journal is deleted and given up, with one
 * warning: a log that missed an end would make the next start report that session {@code abnormal}
 * a second time, which is worse than reporting nothing. Delivery goes on from memory.
 */
public final class JournalKeeper implements DeliveryJournal {

    private static final Logger LOG = System.getLogger(JournalKeeper.class.getName());

    private final SessionJournal journal;
    private final SessionRenderer renderer;
    /**
     * How often, at most, one session's activity is journaled. It only times the {@code abnormal} end
     * of a session whose process died (Relay takes no metric from a session's duration), and activity
     * records are most of what the journal writes under load (one per busy session per window, and
     * each byte written is read back at the next rewrite of the log).
     */
    static final long ACTIVITY_RESOLUTION_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(10);

    private final ActivityStack activity = new ActivityStack();
    /** Sessions whose activity was journaled in the current window (the session keeps what was journaled). */
    private SessionState[] cooling = new SessionState[256];
    private int coolingSize;
    private long coolingSinceNanos = System.nanoTime();
    private final LongAdder failures;
    private final WarnOnce warn = new WarnOnce(LOG);
    private boolean failed;
    /** Whether the envelope now awaiting its answer was noted as gone out ({@link #wentOut}). */
    private boolean awaitingAnswer;
    /** Recorded updates whose latest state was evicted from memory and waits in the log. */
    private volatile long evictedUpdates;

    private final DiscardCounters discards;

    public JournalKeeper(SessionJournal journal, SessionRenderer renderer, LongAdder failures, DiscardCounters discards) {
        this.journal = journal;
        this.renderer = renderer;
        this.failures = failures;
        this.discards = discards;
    }

    /** Where the tracker hands sessions whose activity moved forward. */
    public ActivityStack activitySink() {
        return activity;
    }

    /**
     * Reads what a previous process left undelivered and returns it as updates to send: an end that
     * was recorded as recorded, an open session as {@code abnormal} at its last activity, each with
     * {@code init:true} until the ingest accepted its start. At most {@code max} are returned; the
     * rest stay in the log, marked evicted, for {@link #reload}.
     */
    public List<PendingUpdates.Entry> recover(int max) {
        return readBack(max, false);
    }

    /**
     * Ended sessions that were evicted from memory, read back from the log (at most {@code max}),
     * now that there is room to send them.
     */
    @Override
    public List<PendingUpdates.Entry> reload(int max) {
        return failed || evictedUpdates == 0 ? List.of() : readBack(max, true);
    }

    /** Folds the log, takes sessions out of it ({@link #takeInto}) and rewrites it with what is left. */
    private List<PendingUpdates.Entry> readBack(int max, boolean evictedOnly) {
        List<PendingUpdates.Entry> out = new ArrayList<>();
        try {
            SessionJournal.Fold fold = journal.fold();
            if (fold.skippedLines > 0) {
                failures.add(fold.skippedLines);
                LOG.log(Level.WARNING, "sessionhealth: skipped " + fold.skippedLines + " unreadable lines of the "
                        + "session journal");
            }
            takeInto(fold, out, max, evictedOnly);
            journal.rewrite(fold.sessions.values());
            evictedUpdates = fold.sessions.values().stream().filter(s -> s.evicted).mapToLong(s -> s.evictedUpdates)
                    .sum();
        } catch (IOException | RuntimeException e) {
            fail("journal-read", "could not read the session journal", e);
        }
        return out;
    }

    /**
     * Moves sessions of the fold into {@code out}: all unfinished ones at start-up, evicted ones (only
     * ended sessions are evicted) later. Those that do not fit stay evicted.
     */
    private static void takeInto(SessionJournal.Fold fold, List<PendingUpdates.Entry> out, int max,
            boolean evictedOnly) {
        for (Iterator<SessionJournal.JournaledSession> it = fold.sessions.values().iterator(); it.hasNext(); ) {
            SessionJournal.JournaledSession s = it.next();
            if (evictedOnly && !s.evicted) {
                continue;
            }
            if (out.size() >= max) {
                if (!s.evicted) {
                    s.evicted = true;
                    s.evictedUpdates = 1;
                }
                continue;
            }
            // read back in this process: the updates it stands for; recovered from another: one, the end
            out.add(new PendingUpdates.Entry(updateOf(s), evictedOnly ? s.evictedUpdates : 1));
            s.evicted = false;
            if (!s.ended()) {
                s.status = SessionStatus.ABNORMAL; // what will be sent, and what the rewritten log says
            }
        }
    }

    private static SessionUpdate updateOf(SessionJournal.JournaledSession s) {
        UUID sid = new UUID(Long.parseUnsignedLong(s.sid.substring(0, 16), 16),
                Long.parseUnsignedLong(s.sid.substring(16), 16));
        SessionAttributes attrs = new SessionAttributes(s.release, s.environment, null, s.userAgent, s.ipAddress,
                s.did);
        SessionState state = new SessionState(sid, s.startedMillis, attrs, s.errors, !s.initAccepted);
        state.markJournaled();
        SessionStatus end = s.ended() ? s.status : SessionStatus.ABNORMAL;
        return state.end(s.seenMillis, end);
    }

    /** Appends the updates just taken from the queue, and the activity noted since the last pass. */
    public void record(List<SessionUpdate> updates) {
        if (failed) {
            activity.clear();
            return;
        }
        try {
            for (SessionUpdate u : updates) {
                SessionState state = u.state();
                String sid = state.sidHex();
                if (!state.markJournaled()) {
                    journal.start(sid, renderer.render(u).did(), state.startedMillis(), state.attributes());
                    if (!u.init()) {
                        // its first update without init: its start was sent elsewhere (a resumed HTTP
                        // session, a node before this one), never to be sent again from here
                        journal.initAccepted(sid);
                    }
                }
                journal.update(sid, u.timestampMillis(), u.status(), u.errors());
            }
            recordActivity();
            journal.commit();
        } catch (IOException | RuntimeException e) {
            fail("journal-write", "could not write the session journal", e);
        }
    }

    /**
     * Appends the last activity of sessions that requests moved forward: one record when a request
     * hands a session over, then at most one per boundary of the {@link #ACTIVITY_RESOLUTION_NANOS}
     * window (one window for all sessions). A session whose activity was just journaled
     * stays noted (its requests do not hand it over again) until the window is over; then it is
     * journaled again if it moved meanwhile, or released. So the first request after a quiet window
     * is journaled at the next commit, an abnormal end is timed at most one window before the last
     * request (only for a session busy in its last window), and a busy session costs one record a
     * window, not one per request.
     */
    private void recordActivity() throws IOException {
        long now = System.nanoTime();
        if (now - coolingSinceNanos >= ACTIVITY_RESOLUTION_NANOS) {
            int kept = 0;
            for (int i = 0; i < coolingSize; i++) {
                SessionState s = cooling[i];
                if (!moved(s) && !release(s)) {
                    continue; // quiet or ended: released, or handed over by a request meanwhile
                }
                journal.activity(s.sidHex(), s.journalActivity());
                cooling[kept++] = s;
            }
            java.util.Arrays.fill(cooling, kept, coolingSize, null);
            coolingSize = kept;
            coolingSinceNanos = now;
            if (cooling.length > 256 && kept < cooling.length / 4) { // a busy spell is over: give the room back
                cooling = java.util.Arrays.copyOf(cooling, Math.max(256, kept * 2));
            }
        }
        SessionState rest = activity.takeAll();
        try {
            while (rest != null) {
                SessionState s = rest;
                rest = ActivityStack.next(s); // unlinked before it can be handed over again
                if (journalable(s)) {
                    journal.activity(s.sidHex(), s.journalActivity());
                    cool(s);
                } else {
                    s.activityJournaled(); // no start in the journal yet, or ended: nothing to note, released
                }
            }
        } finally {
            ActivityStack.unlinkAll(rest); // a failed write leaves nothing linked to what it did not reach
        }
    }

    /** Whether the session's activity may be journaled: its start is in the journal and it is open. */
    private static boolean journalable(SessionState s) {
        return s.journaled() && s.isOpen();
    }

    /** Whether the session's activity moved past the second the journal noted, and may be journaled. */
    private static boolean moved(SessionState s) {
        return journalable(s) && s.activityMovedSinceJournaled();
    }

    /**
     * Releases the session's note, so that its next request hands it over again. A request between
     * the caller's look and the release found it noted and did not hand it over, so the activity is
     * looked at again after the release (a request reads the note after it moved the activity: one of
     * the two sees the other, to the second the journal keeps).
     *
     * @return whether that look found activity to journal, and the note was taken back for it
     */
    private static boolean release(SessionState s) {
        s.activityJournaled();
        return moved(s) && s.noteActivityForJournal();
    }

    private void cool(SessionState s) {
        if (coolingSize == cooling.length) {
            cooling = java.util.Arrays.copyOf(cooling, coolingSize * 2);
        }
        cooling[coolingSize++] = s;
    }

    @Override
    public void wentOut(List<PendingUpdates.Entry> entries) {
        awaitingAnswer = appendEach(entries, e -> {
            SessionUpdate u = e.update();
            if (u.init() || u.status().isTerminal()) {
                journal.wentOut(u.state().sidHex(), u.init(), u.status().isTerminal());
            }
        });
    }

    @Override
    public void accepted(List<PendingUpdates.Entry> entries) {
        awaitingAnswer = false;
        appendEach(entries, e -> {
            SessionUpdate u = e.update();
            if (u.status().isTerminal()) {
                journal.done(u.state().sidHex());
            } else if (u.init()) {
                journal.initAccepted(u.state().sidHex());
            }
        });
    }

    @Override
    public void givenUp(List<PendingUpdates.Entry> entries) {
        boolean wentOut = awaitingAnswer;
        awaitingAnswer = false;
        appendEach(entries, e -> {
            SessionUpdate u = e.update();
            if (u.status().isTerminal()) {
                journal.done(u.state().sidHex());
            } else if (wentOut && u.init()) {
                journal.notDelivered(u.state().sidHex()); // its start was refused: the next update carries it
            }
        });
    }

    @Override
    public void kept(List<PendingUpdates.Entry> entries) {
        if (!awaitingAnswer) {
            return;
        }
        awaitingAnswer = false;
        appendEach(entries, e -> {
            SessionUpdate u = e.update();
            if (u.init() || u.status().isTerminal()) {
                journal.notDelivered(u.state().sidHex());
            }
        });
    }

    @Override
    public boolean evict(List<PendingUpdates.Entry> entries) {
        if (!appendEach(entries, e -> journal.evicted(e.update().state().sidHex(), e.count()))) {
            return false;
        }
        evictedUpdates += PendingUpdates.countOf(entries);
        return true;
    }

    /** One record (or none) per entry, then a commit; false if the journal is gone or failed now. */
    private boolean appendEach(List<PendingUpdates.Entry> entries, EntryRecord record) {
        if (failed) {
            return false;
        }
        try {
            for (PendingUpdates.Entry e : entries) {
                record.append(e);
            }
            journal.commit();
            return true;
        } catch (IOException | RuntimeException e) {
            fail("journal-write", "could not write the session journal", e);
            return false;
        }
    }

    @FunctionalInterface
    private interface EntryRecord {
        void append(PendingUpdates.Entry entry) throws IOException;
    }

    @Override
    public long evictedUpdates() {
        return evictedUpdates;
    }

    /** Rewrites the log once it grew enough (sender thread, between passes). */
    public void maintain() {
        if (failed || !journal.wantsRewrite()) {
            return;
        }
        try {
            journal.rewrite(journal.fold().sessions.values());
        } catch (IOException | RuntimeException e) {
            fail("journal-write", "could not rewrite the session journal", e);
        }
    }

    /**
     * Clean shutdown, after the last sends: the log keeps only what the ingest has not accepted (an
     * end recorded while it was unreachable), for the next start to deliver; it is deleted when that
     * is nothing. Releases the directory.
     */
    public void close() {
        try {
            if (!failed) {
                SessionJournal.Fold fold = journal.fold();
                journal.rewrite(fold.sessions.values());
                if (!fold.sessions.isEmpty()) {
                    LOG.log(Level.INFO, "sessionhealth: " + fold.sessions.size() + " sessions not yet accepted by the "
                            + "ingest stay in the session journal for the next start");
                }
            }
            journal.close();
        } catch (IOException | RuntimeException e) {
            warn.log("journal-close", "sessionhealth: could not close the session journal: " + e);
        }
    }

    private void fail(String kind, String what, Exception e) {
        failures.increment();
        if (failed) {
            return;
        }
        failed = true;
        activity.clear();
        java.util.Arrays.fill(cooling, null);
        coolingSize = 0;
        discards.add(dev.sessionhealth.DiscardReason.CACHE_OVERFLOW, evictedUpdates); // they lived only on disk
        evictedUpdates = 0;
        try {
            journal.discardUncommitted();
            journal.rewrite(List.of()); // a log that misses records would report ended sessions again
        } catch (IOException | RuntimeException ignored) {
            // the disk is gone: the next start may find a stale log; nothing better can be done here
        }
        warn.log(kind, "sessionhealth: " + what + "; continuing without it (sessions open at a crash will not be "
                + "reported abnormal, undelivered updates are kept in memory only): " + e);
    }

    public boolean failed() {
        return failed;
    }
}
