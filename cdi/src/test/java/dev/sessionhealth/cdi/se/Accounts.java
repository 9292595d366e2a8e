package dev.sessionhealth.cdi.se;

import dev.sessionhealth.Session;
import dev.sessionhealth.SessionContext;
import dev.sessionhealth.SessionManager;
import dev.sessionhealth.User;
import dev.sessionhealth.cdi.SessionStarted;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A bean of a command-line (non-web) application. */
@ApplicationScoped
public class Accounts {

    @Inject
    SessionManager sessions;

    private final List<String> started = new CopyOnWriteArrayList<>();
    private final List<Map<String, String>> startedTags = new CopyOnWriteArrayList<>();

    public Session login(String user) {
        return sessions.startSession(new SessionContext(User.of(user), Map.of("channel", "batch-cli"), null, null));
    }

    public SessionManager sessions() {
        return sessions;
    }

    void onStart(@Observes SessionStarted e) {
        started.add(e.session().sid());
        startedTags.add(e.session().tags());
    }

    public List<String> started() {
        return List.copyOf(started);
    }

    /** The tags of each session in {@link #started()}, as the observer saw them. */
    public List<Map<String, String>> startedTags() {
        return List.copyOf(startedTags);
    }
}
