package dev.sessionhealth.cdi.app;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** A resource that is not a CDI bean (no bean-defining annotation): the runtime creates it. */
@Path("plain")
@Produces(MediaType.TEXT_PLAIN)
public class PlainResource {

    @GET
    @Path("bug")
    public String bug() {
        throw new IllegalStateException("a bug in a plain resource");
    }
}
