package dev.sessionhealth.cdi.app;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("events")
@ApplicationScoped
public class EventsResource {

    @Inject
    SessionEvents events;

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String events() {
        return String.join("\n", events.seen());
    }
}
