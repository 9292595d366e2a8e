package dev.sessionhealth.internal;

import dev.sessionhealth.SessionContext;
import dev.sessionhealth.SessionStatus;
import dev.sessionhealth.internal.session.SessionState;
import dev.sessionhealth.internal.session.SessionTracker;
import java.util.concurrent.atomic.AtomicReference;

/** A binding that simply holds one session: the manager's own, for callers outside any request. */
public final class LocalBinding implements SessionBinding {

    private final AtomicReference<SessionState> state = new AtomicReference<>();

    @Override
    public SessionState current() {
        return state.get();
    }

    @Override
    public SessionState restart(SessionTracker tracker, SessionContext context) {
        SessionState next = tracker.create(context, null, null);
        SessionState previous = state.getAndSet(next);
        if (previous != null) {
            tracker.end(previous, SessionStatus.EXITED);
        }
        tracker.announce(next);
        return next;
    }
}
