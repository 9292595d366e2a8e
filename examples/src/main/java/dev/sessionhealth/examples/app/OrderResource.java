package dev.sessionhealth.examples.app;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/**
 * Checkout. One book has a pricing bug whose exception nobody handles: no exception mapper of the
 * shop matches it, the runtime answers 500, and the session is crashed.
 */
@Path("orders")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class OrderResource {

    @Inject
    Catalog catalog;

    @POST
    public Map<String, Object> order(@QueryParam("book") int bookId) {
        Book book = catalog.find(bookId).orElseThrow(NotFoundException::new);
        return Checkout.order(book);
    }
}
