package dev.sessionhealth.internal;

import dev.sessionhealth.Session;
import java.io.IOException;
import java.lang.System.Logger;
import java.util.List;
import java.util.function.Supplier;

/**
 * Keeps the {@link SessionJournal} up to date from the sender thread, reports what a previous process
 * left open as {@code abnormal} at start-up, and deletes the journal on a clean shutdown.
 *
 * <p>The rule for a graceful stop: open sessions are ended as {@code exited} and delivered (or
 * counted as dropped), and the journal is deleted, so the next start reports nothing as abnormal.
 */
public final class JournalKeeper {

    private static final Logger LOG = System.getLogger(JournalKeeper.class.getName());

    private final SessionJournal journal;
    private final SessionTracker tracker;
    private final SessionRenderer renderer;
    private final Supplier<List<SessionState>> openSessions;
    private final long intervalMillis;
    private final WarnOnce warn = new WarnOnce(LOG);
    private long lastWriteMillis;
    private boolean dirtyEmpty = true;

    public JournalKeeper(SessionJournal journal, SessionTracker tracker, SessionRenderer renderer,
            Supplier<List<SessionState>> openSessions, long intervalMillis) {
        this.journal = journal;
        this.tracker = tracker;
        this.renderer = renderer;
        this.openSessions = openSessions;
        this.intervalMillis = intervalMillis;
    }

    /** Enqueues an {@code abnormal} update for each session the previous process left open; returns how many. */
    public int recover() {
        try {
            List<Session> left = journal.leftovers();
            for (Session s : left) {
                tracker.recoverAbnormal(s);
            }
            journal.clear();
            return left.size();
        } catch (IOException e) {
            warn.log("journal-read", "sessionhealth: could not read the session journal: " + e);
            return 0;
        }
    }

    /** Maintenance: rewrites the journal once per interval (sender thread). */
    public void maintain() {
        long now = tracker.nowMillis();
        if (now - lastWriteMillis < intervalMillis && lastWriteMillis != 0) {
            return;
        }
        lastWriteMillis = now;
        List<SessionState> open = openSessions.get();
        if (open.isEmpty() && !dirtyEmpty) {
            return; // nothing open, and the journal already says so
        }
        // rendered one by one while writing: a list of them all would double the heap of a million sessions
        Iterable<Session> rendered = () -> open.stream().map(s -> renderer.render(s.peek(s.lastSeenMillis()))).iterator();
        try {
            journal.write(rendered);
            dirtyEmpty = !open.isEmpty();
        } catch (IOException e) {
            warn.log("journal-write", "sessionhealth: could not write the session journal: " + e);
        }
    }

    /** Clean shutdown: nothing is open any more. Releases the directory. */
    public void close() {
        try {
            journal.clear();
            journal.close();
        } catch (IOException e) {
            warn.log("journal-close", "sessionhealth: could not clear the session journal: " + e);
        }
    }
}
