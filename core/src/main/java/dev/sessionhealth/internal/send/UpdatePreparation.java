package dev.sessionhealth.internal.send;

import dev.sessionhealth.BeforeSend;
import dev.sessionhealth.DiscardReason;
import dev.sessionhealth.Session;
import dev.sessionhealth.internal.WarnOnce;
import dev.sessionhealth.internal.wire.IngestRules;
import dev.sessionhealth.internal.wire.SessionRenderer;
import java.time.Instant;
import java.util.List;

/**
 * Turns a pending update into the {@link Session} to send: renders it, drops what the ingest would
 * drop silently (bad release, outside the time window) and passes it through the application's
 * {@link BeforeSend} hook. What is dropped is counted here. Sender thread only.
 */
final class UpdatePreparation {

    private final SessionRenderer renderer;
    private final BeforeSend beforeSend;
    private final PendingUpdates pending;
    private final WarnOnce warn;

    UpdatePreparation(SessionRenderer renderer, BeforeSend beforeSend, PendingUpdates pending, WarnOnce warn) {
        this.renderer = renderer;
        this.beforeSend = beforeSend;
        this.pending = pending;
        this.warn = warn;
    }

    /** The session to send at {@code now}, or {@code null} if the entry was dropped (and counted). */
    Session prepare(PendingUpdates.Entry entry, Instant now) {
        Session s = renderer.render(entry.update());
        String problem = IngestRules.releaseProblem(s.release());
        if (problem == null && !IngestRules.inTimeWindow(s.started(), s.timestamp(), now)) {
            problem = "is outside the time window the ingest accepts";
        }
        if (problem != null) {
            warn.log("invalid", "sessionhealth: a session update was not sent: its release or time " + problem);
            return drop(entry, DiscardReason.INVALID);
        }
        return beforeSend == null ? s : applyHook(s, entry);
    }

    private Session applyHook(Session s, PendingUpdates.Entry entry) {
        Session changed;
        try {
            changed = beforeSend.apply(s);
        } catch (RuntimeException | LinkageError | AssertionError e) {
            // the application's code: whatever it throws must not end the sender thread
            warn.log("beforeSend", "sessionhealth: the beforeSend hook threw; the update was dropped", e);
            return drop(entry, DiscardReason.BEFORE_SEND);
        }
        if (changed == null) {
            return drop(entry, DiscardReason.BEFORE_SEND);
        }
        // only did, user agent and IP address come from the result (the table in BeforeSend's Javadoc)
        return new Session(s.sid(), changed.did(), s.init(), s.seq(), s.started(), s.timestamp(), s.duration(),
                s.status(), s.errors(), s.release(), s.environment(), changed.userAgent(), changed.ipAddress(),
                s.user(), s.tags());
    }

    private Session drop(PendingUpdates.Entry entry, DiscardReason reason) {
        pending.drop(List.of(entry), reason);
        return null;
    }
}
