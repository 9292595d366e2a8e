package dev.sessionhealth.internal.wire;

import dev.sessionhealth.Session;
import dev.sessionhealth.internal.session.SessionAttributes;
import dev.sessionhealth.internal.session.SessionState;
import dev.sessionhealth.internal.session.SessionUpdate;
import java.time.Duration;
import java.time.Instant;

/** Turns a recorded {@link SessionUpdate} into the public {@link Session} snapshot (sender thread). */
public final class SessionRenderer {

    private final DidHasher didHasher;

    public SessionRenderer(DidHasher didHasher) {
        this.didHasher = didHasher;
    }

    public Session render(SessionUpdate u) {
        SessionState s = u.state();
        SessionAttributes a = s.attributes();
        Instant started = Instant.ofEpochMilli(s.startedMillis());
        Instant timestamp = Instant.ofEpochMilli(u.timestampMillis());
        String did = a.presetDid() != null ? a.presetDid() : a.user() == null ? null : didHasher.did(a.user().id());
        return new Session(s.sidHex(), did, u.init(), u.timestampMillis(), started, timestamp,
                Duration.between(started, timestamp), u.status(), u.errors(), a.release(), a.environment(),
                a.userAgent(), a.ipAddress(), a.user(), a.tags());
    }
}
