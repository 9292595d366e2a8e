package dev.sessionhealth.examples.boot;

import dev.sessionhealth.SessionManager;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;

/**
 * The starter closes the {@link SessionManager} after the web server stopped (so that requests in
 * flight during the graceful shutdown are still tracked), which ends the open sessions
 * {@code exited} and delivers them. When they go to the embedded receiver in this same server, it
 * would no longer listen by then; so the demo closes the manager earlier, just before the graceful
 * shutdown starts. The starter's close afterwards does nothing (it is idempotent).
 */
final class EmbeddedReceiverShutdown implements SmartLifecycle {

    private final SessionManager sessions;
    private final boolean embedded;
    private volatile boolean running;

    EmbeddedReceiverShutdown(SessionManager sessions, boolean embedded) {
        this.sessions = sessions;
        this.embedded = embedded;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        if (embedded) {
            sessions.close();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stopped before the graceful shutdown (a higher phase stops earlier). */
    @Override
    public int getPhase() {
        return WebServerApplicationContext.GRACEFUL_SHUTDOWN_PHASE + 1;
    }
}
