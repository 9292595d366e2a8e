package dev.sessionhealth.cdi.app;

import dev.sessionhealth.cdi.SessionEnded;
import dev.sessionhealth.cdi.SessionStarted;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records the CDI session events, and serves them to the test. */
@ApplicationScoped
public class SessionEvents {

    private final List<String> seen = new CopyOnWriteArrayList<>();

    void started(@Observes SessionStarted e) {
        seen.add("started " + e.session().sid() + " " + e.session().status());
    }

    void ended(@Observes SessionEnded e) {
        seen.add("ended " + e.session().sid() + " " + e.session().status());
    }

    public List<String> seen() {
        return List.copyOf(seen);
    }
}
