package dev.sessionhealth.examples.app;

import dev.sessionhealth.Session;
import dev.sessionhealth.SessionContext;
import dev.sessionhealth.SessionManager;
import dev.sessionhealth.User;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Login and logout, as an application tells the library who the user is: a login starts a new
 * session for the user (the anonymous one ends as exited), a logout ends the session. The injected
 * {@link SessionManager} acts on the current request's session.
 */
@Path("session")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {

    @Inject
    SessionManager sessions;

    @POST
    @Path("login")
    public Map<String, Object> login(@QueryParam("user") String user) {
        if (user == null || user.isBlank() || user.length() > 64) {
            throw new BadRequestException("user is required");
        }
        // a real application checks a password here; the library only needs a stable user id
        return describe(sessions.startSession(SessionContext.forUser(User.of(user))));
    }

    @POST
    @Path("logout")
    public Map<String, Object> logout() {
        sessions.endSession();
        return Map.of("loggedOut", true);
    }

    @GET
    public Map<String, Object> current() {
        return sessions.currentSession().map(SessionResource::describe).orElse(Map.of());
    }

    private static Map<String, Object> describe(Session s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("sid", s.sid().substring(0, 8)); // enough to recognise it on the dashboard
        out.put("user", s.user() == null ? null : s.user().id());
        out.put("status", s.status().wireName());
        out.put("errors", s.errors());
        out.put("release", s.release());
        return out;
    }
}
