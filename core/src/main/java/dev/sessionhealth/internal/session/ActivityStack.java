package dev.sessionhealth.internal.session;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Sessions whose last activity moved forward, waiting for the journal to note it: linked through a
 * field of the sessions themselves, so that a request handing its session over allocates nothing
 * (a queue would allocate a node each time: most requests, when users pause for a second or more
 * between them).
 *
 * <p>Any thread pushes a session, at most once until the journal took it ({@link
 * SessionState#noteActivityForJournal} decides, atomically, which request pushes); one thread, the
 * sender, takes them all at once. Taking everything with one exchange of the head is what makes a
 * plain linked stack safe here: no session is ever taken out of the middle.
 */
public final class ActivityStack {

    private final AtomicReference<SessionState> head = new AtomicReference<>();

    /** Hands the session over: only after {@link SessionState#noteActivityForJournal} returned true for it. */
    void push(SessionState session) {
        SessionState top;
        do {
            top = head.get();
            session.activityNext = top;
        } while (!head.compareAndSet(top, session));
    }

    /**
     * Takes every session handed over so far: the first of them, the others following through {@link
     * #next}, in no particular order; {@code null} when there is none (sender thread only).
     */
    public SessionState takeAll() {
        return head.getAndSet(null);
    }

    /** The session after this one in what {@link #takeAll} returned, unlinking this one. */
    public static SessionState next(SessionState session) {
        SessionState next = session.activityNext;
        session.activityNext = null;
        return next;
    }

    /** Drops everything handed over (the journal failed): those sessions are never handed over again. */
    public void clear() {
        unlinkAll(takeAll());
    }

    /** Unlinks {@code first} and every session after it in what {@link #takeAll} returned. */
    public static void unlinkAll(SessionState first) {
        for (SessionState s = first; s != null; ) {
            s = next(s);
        }
    }
}
