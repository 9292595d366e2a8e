package dev.sessionhealth.examples.app;

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
        return SessionView.describe(sessions.startSession(SessionContext.forUser(User.of(user))));
    }

    @POST
    @Path("logout")
    public Map<String, Object> logout() {
        sessions.endSession();
        return Map.of("loggedOut", true);
    }

    @GET
    public Map<String, Object> current() {
        return sessions.currentSession().map(SessionView::describe).orElse(Map.of());
    }
}
