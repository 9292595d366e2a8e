package dev.sessionhealth.servlet.internal;

import dev.sessionhealth.User;
import dev.sessionhealth.internal.RequestSessions;
import dev.sessionhealth.internal.RequestTracking;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.UUID;

/**
 * HTTP-session mode: the tracked session follows the container's session (created if needed, before
 * the chain, so its cookie can be set). A node that does not know the sid stored in the session
 * (failover, replication) takes it over with {@code resume}, without a second {@code init}.
 */
final class HttpSessionResolver implements RequestMapper {

    private final RequestSessions sessions;
    private final boolean personalData;

    HttpSessionResolver(RequestSessions sessions, boolean personalData) {
        this.sessions = sessions;
        this.personalData = personalData;
    }

    @Override
    public MappedRequest begin(HttpServletRequest request, HttpServletResponse response) {
        HttpSession session = request.getSession(true);
        TrackedHttpSession tracked = attribute(session);
        String userAgent = ClientDetails.userAgent(request, personalData);
        String ipAddress = ClientDetails.ipAddress(request, personalData);
        Object key = tracked.key();
        UUID sid = tracked.hasSid() && !sessions.knows(key) ? tracked.sid() : null; // parsed only when needed
        if (sid != null) {
            // started on another node (failover, replication): continue it unless it lapsed there
            String userId = tracked.userId();
            String username = tracked.username();
            User user = userId == null && username == null ? null : new User(userId, null, username, null);
            sessions.takeOver(key, sid, tracked.startedMillis(), tracked.lastSeenMillis(), tracked.errors(), user,
                    userAgent, ipAddress);
        }
        RequestTracking tracking = sessions.open(key, ClientDetails.principal(request), userAgent, ipAddress);
        tracked.save(session, sessions.current(key));
        return new MappedRequest(tracking, t -> tracked.save(session, sessions.current(key)));
    }

    private static TrackedHttpSession attribute(HttpSession session) {
        Object value = session.getAttribute(TrackedHttpSession.ATTRIBUTE);
        if (value instanceof TrackedHttpSession t) {
            return t;
        }
        // none yet, or one from an earlier deployment's class loader
        TrackedHttpSession fresh = new TrackedHttpSession(UUID.randomUUID().toString());
        session.setAttribute(TrackedHttpSession.ATTRIBUTE, fresh);
        return fresh;
    }
}
