package dev.sessionhealth.servlet.internal;

import dev.sessionhealth.SessionContext;
import dev.sessionhealth.User;
import dev.sessionhealth.internal.RequestTracking;
import dev.sessionhealth.internal.SessionRegistry;
import dev.sessionhealth.internal.SessionState;
import dev.sessionhealth.internal.SessionTracker;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.UUID;

/**
 * HTTP-session mode: the tracked session follows the container's session (created if needed, before
 * the chain, so its cookie can be set). A node that does not know the sid stored in the session
 * (failover, replication) takes it over with {@code resume}, without a second {@code init}.
 */
public final class HttpSessionResolver implements RequestMapper {

    private final UserSessions sessions;
    private final boolean personalData;

    public HttpSessionResolver(UserSessions sessions, boolean personalData) {
        this.sessions = sessions;
        this.personalData = personalData;
    }

    @Override
    public MappedRequest begin(HttpServletRequest request, HttpServletResponse response) {
        HttpSession session = request.getSession(true);
        TrackedHttpSession tracked = attribute(session);
        ClientDetails client = ClientDetails.of(request, personalData);
        SessionRegistry registry = sessions.registry();
        String key = tracked.key();
        if (registry.get(key) == null && tracked.sid() != null && !expired(tracked)) {
            registry.put(key, resume(tracked, client));
        }
        RequestTracking tracking = sessions.open(key, client);
        tracked.save(session, registry.get(key));
        return new MappedRequest(tracking, t -> tracked.save(session, registry.get(key)));
    }

    private SessionState resume(TrackedHttpSession tracked, ClientDetails client) {
        SessionTracker tracker = sessions.tracker();
        String userId = tracked.userId();
        String username = tracked.username();
        SessionContext context = userId == null && username == null ? SessionContext.EMPTY
                : SessionContext.forUser(new User(userId, null, username, null));
        SessionState state = tracker.resume(tracked.sid(), tracked.startedMillis(), tracked.errors(), context,
                client.userAgent(), client.ipAddress());
        tracker.touch(state); // active now: the HTTP session is alive, so do not expire it on arrival
        return state;
    }

    /** A stored session that lapsed was ended where it lived (or is lost with that node): start afresh. */
    private boolean expired(TrackedHttpSession tracked) {
        SessionTracker tracker = sessions.tracker();
        long now = tracker.nowMillis();
        return now - tracked.lastSeenMillis() >= tracker.options().sessionTimeout().toMillis()
                || now - tracked.startedMillis() >= tracker.options().maxSessionDuration().toMillis();
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
