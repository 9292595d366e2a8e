package dev.sessionhealth.examples.app;

import dev.sessionhealth.SessionManager;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** The catalog API. Reading reviews shows a <em>handled</em> error: the page degrades, the session is errored. */
@Path("books")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class BookResource {

    @Inject
    Catalog catalog;
    @Inject
    ReviewService reviewService;
    @Inject
    SessionManager sessions;

    @GET
    public List<Book> list() {
        return catalog.all();
    }

    @GET
    @Path("{id}")
    public Book book(@PathParam("id") int id) {
        return catalog.find(id).orElseThrow(NotFoundException::new); // a 404 is not an error of ours
    }

    @GET
    @Path("{id}/reviews")
    public Response reviews(@PathParam("id") int id) {
        try {
            return Response.ok(reviewService.reviews(book(id).id())).build();
        } catch (ReviewService.UnavailableException e) {
            sessions.recordError(true); // handled: the user sees no reviews, the session counts as errored
            return Response.ok(List.of()).header("X-Degraded", "reviews unavailable").build();
        }
    }
}
