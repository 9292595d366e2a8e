package dev.sessionhealth.cdi.app;

import dev.sessionhealth.Session;
import dev.sessionhealth.SessionContext;
import dev.sessionhealth.SessionManager;
import dev.sessionhealth.User;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** A small application resource: every way a request can end, and login/logout. */
@Path("shop")
@RequestScoped
@Produces(MediaType.TEXT_PLAIN)
public class ShopResource {

    @Inject
    SessionManager sessions;

    @Inject
    Stock stock;

    @GET
    @Path("ok")
    public String ok() {
        return "ok";
    }

    /** Mapped by the application's own mapper to 409. */
    @GET
    @Path("out-of-stock")
    public String outOfStock() {
        throw new OutOfStockException("no more socks");
    }

    /** Mapped by the application's own mapper to 503. */
    @GET
    @Path("payment-failed")
    public String paymentFailed() {
        throw new PaymentFailedException("card declined by the bank");
    }

    /** No mapper of the application matches: the runtime's default handling answers 500. */
    @GET
    @Path("bug")
    public String bug() {
        throw new IllegalStateException("a bug");
    }

    /** A nested bean throws, the resource handles it and answers normally. */
    @GET
    @Path("recovered")
    public String recovered() {
        try {
            return stock.reserve("boots");
        } catch (OutOfStockException e) {
            return "sold out";
        }
    }

    /** The runtime's own 404 for a resource that chose it. */
    @GET
    @Path("missing")
    public String missing() {
        throw new NotFoundException("no such item");
    }

    /** The application reports a handled error itself and answers 200. */
    @GET
    @Path("reported")
    public String reported() {
        sessions.recordError(true);
        return "reported";
    }

    /** The application reports a handled error and also maps the exception to 503: one error. */
    @GET
    @Path("reported-and-failed")
    public String reportedAndFailed() {
        sessions.recordError(true);
        throw new PaymentFailedException("declined again");
    }

    @POST
    @Path("login")
    public String login(@QueryParam("user") String user) {
        return sessions.startSession(SessionContext.forUser(User.of(user))).sid();
    }

    @POST
    @Path("logout")
    public String logout() {
        sessions.endSession();
        return "bye";
    }

    /** The caller's current session: sid, status and errors, or "none". */
    @GET
    @Path("session")
    public String session() {
        return sessions.currentSession().map(ShopResource::describe).orElse("none");
    }

    @GET
    @Path("enabled")
    public String enabled() {
        return Boolean.toString(sessions.isEnabled());
    }

    private static String describe(Session s) {
        return s.sid() + " " + s.status() + " " + s.errors();
    }
}
