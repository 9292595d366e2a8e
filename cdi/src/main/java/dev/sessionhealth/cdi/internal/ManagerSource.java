package dev.sessionhealth.cdi.internal;

import dev.sessionhealth.SessionManager;
import jakarta.servlet.ServletContext;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/**
 * The one manager of an application, shared with the servlet filter through the ServletContext
 * attribute {@link #ATTRIBUTE}: in a web application it is created when the application starts and
 * published there (the filter then uses it), unless the filter's is there already; elsewhere it is
 * created on first use. Only a manager created here is flushed and closed here.
 */
public final class ManagerSource {

    /** The ServletContext attribute under which the servlet filter publishes its manager. */
    static final String ATTRIBUTE = "dev.sessionhealth.SessionManager";

    private static final Logger LOG = System.getLogger("dev.sessionhealth.cdi");

    private volatile Settings settings;
    private volatile Object servletContext;
    private volatile SessionManager manager;
    private boolean owned;
    private boolean closed;

    public ManagerSource(Settings settings) {
        this.settings = settings;
    }

    /** The settings now in force (after context-params were read, when there are any). */
    Settings settings() {
        return settings;
    }

    /**
     * Called when the web application starts (before any servlet filter is initialized): context-params
     * complete the settings, and unless the ServletContext holds a manager already, the manager is
     * created now and published there, so that the servlet filter shares it (and with it these
     * settings, MicroProfile Config included). When these settings give no working manager (no DSN
     * or release here), nothing is published: the filter may still find them in its own sources
     * (filter init-params, the web application's manifest), and its manager is shared on first use.
     */
    synchronized void servletContext(Object context, Settings completed) {
        if (servletContext != null && servletContext != context) {
            return; // a second web application sees this extension (a library shared in an EAR): keep the first
        }
        this.servletContext = context;
        this.settings = completed;
        if (manager != null || published() != null) {
            return;
        }
        SessionManager created = SessionManager.create(completed.options());
        if (created.isEnabled()) {
            manager = created;
            owned = true;
            publish(created);
        } else {
            created.close(); // a no-op manager: nothing to stop
        }
    }

    /** The manager, resolving it on first call (later calls take no lock). */
    SessionManager manager() {
        SessionManager m = manager;
        return m != null ? m : resolve();
    }

    private synchronized SessionManager resolve() {
        if (manager == null) {
            SessionManager shared = published();
            if (shared != null) {
                manager = shared;
            } else {
                if (servletContext == null) {
                    // not a web application: no initializer logged the configuration
                    LOG.log(Level.INFO, settings.describe("this application"));
                }
                manager = SessionManager.create(settings.options());
                owned = true;
                publish(manager);
                if (closed) {
                    manager.close(); // used after shutdown: hand out a closed manager, start nothing lasting
                }
            }
        }
        return manager;
    }

    /** Flushes and closes the manager if it was created here; a shared one belongs to the filter. */
    public void close() {
        SessionManager toClose;
        synchronized (this) {
            closed = true;
            toClose = owned ? manager : null;
        }
        if (toClose != null) {
            LOG.log(Level.DEBUG, "sessionhealth: closing the CDI module's session manager");
            toClose.close();
            if (servletContext != null && servletContext instanceof ServletContext sc
                    && sc.getAttribute(ATTRIBUTE) == toClose) {
                sc.removeAttribute(ATTRIBUTE);
            }
        }
    }

    /**
     * Makes a manager created here the web application's, so that a servlet filter initialized
     * later shares it instead of creating a second one (it closes only what it created).
     */
    private void publish(SessionManager created) {
        if (servletContext != null && servletContext instanceof ServletContext sc && sc.getAttribute(ATTRIBUTE) == null) {
            sc.setAttribute(ATTRIBUTE, created);
        }
    }

    private SessionManager published() {
        Object context = servletContext;
        if (context == null) {
            return null; // not a web application (the Servlet API may be missing altogether)
        }
        if (context instanceof ServletContext sc) {
            Object value = sc.getAttribute(ATTRIBUTE);
            if (value instanceof SessionManager m) {
                return m;
            }
        }
        return null;
    }
}
