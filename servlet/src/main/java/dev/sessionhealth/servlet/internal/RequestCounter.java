package dev.sessionhealth.servlet.internal;

import dev.sessionhealth.internal.RequestSessions;
import dev.sessionhealth.internal.RequestTracking;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.function.Consumer;

/** Request mode: every counted request is one session, recorded into its minute when it ends. */
public final class RequestCounter implements RequestMapper {

    private final RequestSessions sessions;
    /** One instance for all requests: the request's tracking is its argument, so nothing is captured per request. */
    private final Consumer<RequestTracking> record;

    public RequestCounter(RequestSessions sessions) {
        this.sessions = sessions;
        this.record = sessions::finish;
    }

    @Override
    public MappedRequest begin(HttpServletRequest request, HttpServletResponse response) {
        return new MappedRequest(sessions.count(), record);
    }
}
