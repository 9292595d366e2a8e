package dev.sessionhealth.servlet.internal;

import dev.sessionhealth.internal.RequestSessions;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Request mode: every counted request is one session, recorded into its minute when it ends. */
final class RequestCounter implements RequestMapper {

    private final RequestSessions sessions;

    RequestCounter(RequestSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public MappedRequest begin(HttpServletRequest request, HttpServletResponse response) {
        return new MappedRequest(sessions.count(), MappedRequest.NOTHING); // finished like every mode's request
    }
}
