package dev.sessionhealth.containers.app;

import dev.sessionhealth.Session;
import dev.sessionhealth.SessionContext;
import dev.sessionhealth.SessionManager;
import dev.sessionhealth.User;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** The endpoints the container suite drives: each one a kind of request outcome. */
@RequestScoped
@Path("/")
@Produces(MediaType.TEXT_PLAIN)
public class SampleResource {

    @Inject
    Greeter greeter;

    @Inject
    SessionManager sessions;

    @GET
    @Path("ok")
    public String ok() {
        return "ok";
    }

    /** An error the application maps to a 503 itself: the session counts as errored. */
    @GET
    @Path("handled")
    public String handled() {
        throw new MappedFailure("backend unavailable");
    }

    /** An error the application catches and reports itself: the session counts as errored. */
    @GET
    @Path("recorded")
    public String recorded() {
        try {
            throw new IllegalStateException("recovered");
        } catch (IllegalStateException e) {
            sessions.recordError(true);
            return "recorded";
        }
    }

    /** An exception no application mapper handles: the session crashes. */
    @GET
    @Path("crash")
    public String crash() {
        throw new IllegalStateException("boom");
    }

    @POST
    @Path("login")
    public String login(@QueryParam("user") String user) {
        sessions.startSession(SessionContext.forUser(User.of(user)));
        return greeter.greet(user);
    }

    @POST
    @Path("logout")
    public String logout() {
        sessions.endSession();
        return "bye";
    }

    /** The id of the session this request belongs to ({@code none} outside one). */
    @GET
    @Path("session")
    public String session() {
        return sessions.currentSession().map(Session::sid).orElse("none");
    }

    /** Where Jakarta REST and CDI come from here, and whether tracking is on. */
    @GET
    @Path("runtime")
    public String runtime() {
        return new RuntimeReport(sessions, greeter).render();
    }
}
