package dev.sessionhealth.cdi.internal;

import dev.sessionhealth.Session;
import dev.sessionhealth.SessionContext;
import dev.sessionhealth.SessionManager;
import dev.sessionhealth.SessionOptions;
import dev.sessionhealth.SessionStats;
import dev.sessionhealth.SessionStatus;
import dev.sessionhealth.cdi.SessionEnded;
import dev.sessionhealth.cdi.SessionStarted;
import dev.sessionhealth.internal.DefaultSessionManager;
import dev.sessionhealth.internal.RequestSessions;
import dev.sessionhealth.internal.NoOpSessionManager;
import dev.sessionhealth.internal.RequestTracking;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.event.Event;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The {@link SessionManager} bean. "Current session" means the session of the request being
 * served: calls are bound to the request's {@link RequestTracking} (found in the request scope)
 * for their own duration only. Outside a request, or when a servlet filter already bound the
 * request on this thread, they go straight to the manager. Fires {@link SessionStarted} and
 * {@link SessionEnded} for the starts and ends made through it. Closing is the extension's job:
 * {@link #close()} is ignored so an application cannot close the shared manager by accident.
 */
public final class RequestAwareSessionManager implements SessionManager {

    private final ManagerSource source;
    private final CurrentRequest current;
    private final Event<SessionStarted> started;
    private final Event<SessionEnded> ended;

    public RequestAwareSessionManager(ManagerSource source, CurrentRequest current, Event<SessionStarted> started,
            Event<SessionEnded> ended) {
        this.source = source;
        this.current = current;
        this.started = started;
        this.ended = ended;
    }

    /** Ends the current session first (firing {@link SessionEnded}), then starts the new one. */
    @Override
    public Session startSession(SessionContext context) {
        RequestTracking tracking = requestTracking();
        if (tracking != null && tracking.current() == null) {
            // request mode (or a request the filter excludes): no user session to replace, and a
            // session started here would be bound nowhere and never end; hand out an unsent one
            SessionOptions o = source.settings().options();
            return new NoOpSessionManager(o.release(), o.environment()).startSession(context);
        }
        endSession();
        Session next = bound(() -> manager().startSession(context));
        if (manager().isEnabled()) {
            started.fire(new SessionStarted(next));
        }
        return next;
    }

    @Override
    public void endSession() {
        Optional<Session> before = bound(manager()::currentSession);
        if (before.isEmpty() || before.get().status() != SessionStatus.OK) {
            return;
        }
        bound(() -> {
            manager().endSession();
            return null;
        });
        bound(manager()::currentSession).ifPresent(s -> ended.fire(new SessionEnded(s)));
    }

    @Override
    public void captureSession(boolean end) {
        if (end) {
            endSession();
            return;
        }
        bound(() -> {
            manager().captureSession(false);
            return null;
        });
    }

    @Override
    public Optional<Session> currentSession() {
        return bound(manager()::currentSession);
    }

    @Override
    public void recordError(boolean handled) {
        bound(() -> {
            manager().recordError(handled);
            return null;
        });
    }

    @Override
    public SessionStats stats() {
        return manager().stats();
    }

    @Override
    public boolean isEnabled() {
        return manager().isEnabled();
    }

    @Override
    public boolean flush(Duration timeout) {
        return manager().flush(timeout);
    }

    /** Ignored: the extension closes the manager when the application stops (if it created it). */
    @Override
    public void close() {
    }

    private SessionManager manager() {
        return source.manager();
    }

    /** Runs {@code call} with the request's tracking bound on this thread, and unbinds it after. */
    private <T> T bound(Supplier<T> call) {
        RequestTracking tracking = requestTracking();
        RequestSessions sessions = tracking == null ? null
                : RequestSessions.of(manager(), "the CDI application's SessionManager");
        if (sessions != null && sessions.tracking()) {
            DefaultSessionManager.Scope scope = sessions.bind(tracking);
            try {
                return call.get();
            } finally {
                scope.close();
            }
        }
        return call.get();
    }

    private RequestTracking requestTracking() {
        try {
            return current.tracking();
        } catch (ContextNotActiveException e) {
            return null;
        }
    }
}
