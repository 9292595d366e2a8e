package dev.sessionhealth.internal;

import dev.sessionhealth.internal.session.SessionState;
import java.util.concurrent.atomic.AtomicReference;

/** A binding that simply holds one session: the manager's own, for callers outside any request. */
public final class LocalBinding implements SessionBinding {

    private final AtomicReference<SessionState> state = new AtomicReference<>();

    @Override
    public SessionState current() {
        return state.get();
    }

    @Override
    public void replace(SessionState next) {
        state.set(next);
    }
}
