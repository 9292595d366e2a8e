package dev.sessionhealth.servlet.internal;

import dev.sessionhealth.internal.RequestTracking;
import dev.sessionhealth.internal.RequestSessions;
import dev.sessionhealth.internal.WarnOnce;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.function.Consumer;

/**
 * Finishes one request's accounting exactly once: when the chain returns, or, for an async request,
 * when the async work completes (this object is then the request's {@link AsyncListener}).
 */
final class RequestCompletion implements AsyncListener {

    private static final AtomicIntegerFieldUpdater<RequestCompletion> DONE =
            AtomicIntegerFieldUpdater.newUpdater(RequestCompletion.class, "done");

    // the mapped request's parts, not the record itself: so the record need not be allocated at all
    private final RequestTracking tracking;
    private final Consumer<RequestTracking> end;
    private final RequestSessions sessions;
    private final HttpServletResponse response;
    private final boolean serverErrorsAsErrors;
    private final WarnOnce warn;
    private volatile int done;

    RequestCompletion(MappedRequest mapped, RequestSessions sessions, HttpServletResponse response,
            boolean serverErrorsAsErrors, WarnOnce warn) {
        this.tracking = mapped.tracking();
        this.end = mapped.end();
        this.sessions = sessions;
        this.response = response;
        this.serverErrorsAsErrors = serverErrorsAsErrors;
        this.warn = warn;
    }

    /** An exception escaped the application: the session crashed (once per request). */
    void failed() {
        try {
            sessions.recordError(tracking, false);
        } catch (RuntimeException e) {
            warn.log("completion", "sessionhealth: could not record a request's crash", e);
        }
        finish(false);
    }

    /** The request is over; a 5xx counts as a handled error if configured and nothing was recorded. */
    void finish(boolean checkStatus) {
        if (!DONE.compareAndSet(this, 0, 1)) {
            return;
        }
        try {
            RequestTracking t = tracking;
            if (checkStatus && serverErrorsAsErrors && response.getStatus() >= 500
                    && !t.hasUnhandledError() && t.handledErrors() == 0) {
                sessions.recordError(t, true);
            }
            sessions.finish(t);
            end.accept(t);
        } catch (RuntimeException e) {
            warn.log("completion", "sessionhealth: could not finish a request's accounting", e);
        }
    }

    @Override
    public void onComplete(AsyncEvent event) {
        finish(true);
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        // the container answers (usually 500) and then completes: onComplete counts it
    }

    @Override
    public void onError(AsyncEvent event) {
        Throwable t = event.getThrowable();
        if (!(t instanceof IOException)) { // a client that went away is not the application's crash
            sessions.recordError(tracking, false);
        }
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        // async started again after a dispatch: listeners must register with the new context
        event.getAsyncContext().addListener(this);
    }
}
