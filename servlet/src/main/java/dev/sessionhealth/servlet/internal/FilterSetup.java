package dev.sessionhealth.servlet.internal;

import dev.sessionhealth.internal.TrackingMode;
import dev.sessionhealth.SessionManager;
import dev.sessionhealth.internal.RequestSessions;
import dev.sessionhealth.internal.WarnOnce;
import dev.sessionhealth.internal.config.Configuration;
import dev.sessionhealth.internal.config.CoreOptions;
import jakarta.servlet.ServletContext;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/**
 * What the filter builds at {@code init}: the manager found in or put into the servlet context, and
 * the request path for the configured mode. Closes the manager on
 * {@code destroy} only if it created it.
 */
public final class FilterSetup implements AutoCloseable {

    private static final Logger LOG = System.getLogger("dev.sessionhealth.servlet");

    private final ServletContext context;
    private final String attribute;
    private final SessionManager manager;
    private final boolean owned;
    private final RequestAccounting accounting;

    private FilterSetup(ServletContext context, String attribute, SessionManager manager, boolean owned,
            RequestAccounting accounting) {
        this.context = context;
        this.attribute = attribute;
        this.manager = manager;
        this.owned = owned;
        this.accounting = accounting;
    }

    /**
     * Finds or creates the manager and builds the request path for the configured mode.
     *
     * @param config the application's configuration, already validated
     */
    public static FilterSetup start(Configuration config, ServletContext context, String attribute) {
        TrackingMode mode = config.get(CoreOptions.MODE);
        RequestExclusions exclusions = RequestExclusions.of(config);
        Object existing = context.getAttribute(attribute);
        SessionManager manager;
        boolean owned = !(existing instanceof SessionManager);
        if (owned) {
            manager = SessionManager.create(config.sessionOptions());
            context.setAttribute(attribute, manager);
        } else {
            manager = (SessionManager) existing;
        }
        RequestSessions sessions = RequestSessions.of(manager, "the servlet context attribute " + attribute);
        if (!sessions.tracking()) {
            return new FilterSetup(context, attribute, manager, owned, null); // disabled: pass everything through
        }
        WarnOnce warn = new WarnOnce(LOG);
        boolean pii = sessions.personalData();
        RequestMapper mapper = switch (mode) {
            case COOKIE -> new CookieSessionResolver(sessions, ServletContextConfig.cookieSigner(context, config),
                    config.get(CoreOptions.COOKIE_NAME), pii);
            case HTTP_SESSION -> new HttpSessionResolver(sessions, pii);
            case REQUEST -> new RequestCounter(sessions);
        };
        String path = context.getContextPath().isEmpty() ? "/" : context.getContextPath();
        LOG.log(Level.INFO, "sessionhealth: tracking {0} in {1} mode", path, mode.value());
        RequestAccounting accounting = new RequestAccounting(sessions, mapper, exclusions,
                config.get(FilterOptions.SERVER_ERRORS_AS_ERRORS), warn);
        context.setAttribute(RequestAccounting.ATTRIBUTE, accounting);
        return new FilterSetup(context, attribute, manager, owned, accounting);
    }

    /** The request path, or {@code null} when tracking is disabled. */
    public RequestAccounting accounting() {
        return accounting;
    }

    @Override
    public void close() {
        if (accounting != null && context.getAttribute(RequestAccounting.ATTRIBUTE) == accounting) {
            context.removeAttribute(RequestAccounting.ATTRIBUTE);
        }
        if (!owned) {
            return;
        }
        try {
            manager.close();
        } finally {
            if (context.getAttribute(attribute) == manager) {
                context.removeAttribute(attribute);
            }
        }
    }
}
