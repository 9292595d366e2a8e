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
 * Finishes one request's accounting exactly once. A synchronous request is finished by the filter
 * when the chain returns, through the static methods, with no object of its own. An async request
 * gets one of these as its {@link AsyncListener}, which finishes it when the async work completes.
 */
final class RequestCompletion implements AsyncListener {

    private static final AtomicIntegerFieldUpdater<RequestCompletion> DONE =
            AtomicIntegerFieldUpdater.newUpdater(RequestCompletion.class, "done");

    private final RequestTracking tracking;
    private final Consumer<RequestTracking> end;
    private final RequestSessions sessions;
    private final HttpServletResponse response;
    private final boolean serverErrorsAsErrors;
    private final WarnOnce warn;
    private volatile int done;

    RequestCompletion(RequestTracking tracking, Consumer<RequestTracking> end, RequestSessions sessions,
            HttpServletResponse response, boolean serverErrorsAsErrors, WarnOnce warn) {
        this.tracking = tracking;
        this.end = end;
        this.sessions = sessions;
        this.response = response;
        this.serverErrorsAsErrors = serverErrorsAsErrors;
        this.warn = warn;
    }

    /** The async work is over; a 5xx counts as a handled error if configured and nothing was recorded. */
    void finish() {
        if (DONE.compareAndSet(this, 0, 1)) {
            finish(tracking, end, sessions, response, serverErrorsAsErrors, warn);
        }
    }

    /**
     * An exception escaped the application: the session crashed (once per request), and the request
     * is finished. Called once by the filter, for a request with no async listener registered.
     */
    static void failed(RequestTracking tracking, Consumer<RequestTracking> end, RequestSessions sessions,
            WarnOnce warn) {
        try {
            sessions.recordError(tracking, false);
        } catch (RuntimeException e) {
            warn.log("completion", "sessionhealth: could not record a request's crash", e);
        }
        finish(tracking, end, sessions, null, false, warn);
    }

    /**
     * {@link #finish()} for a request that nothing else finishes: a synchronous one, or an async one
     * that completed before its listener could be registered.
     *
     * @param response checked for a 5xx when {@code serverErrorsAsErrors}; {@code null}: not checked
     */
    static void finish(RequestTracking tracking, Consumer<RequestTracking> end, RequestSessions sessions,
            HttpServletResponse response, boolean serverErrorsAsErrors, WarnOnce warn) {
        try {
            if (response != null && serverErrorsAsErrors && response.getStatus() >= 500
                    && !tracking.hasUnhandledError() && tracking.handledErrors() == 0) {
                sessions.recordError(tracking, true);
            }
            sessions.finish(tracking);
            end.accept(tracking);
        } catch (RuntimeException e) {
            warn.log("completion", "sessionhealth: could not finish a request's accounting", e);
        }
    }

    @Override
    public void onComplete(AsyncEvent event) {
        finish();
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
