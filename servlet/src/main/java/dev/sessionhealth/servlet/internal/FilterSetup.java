package dev.sessionhealth.servlet.internal;

import dev.sessionhealth.internal.TrackingMode;
import dev.sessionhealth.SessionManager;
import dev.sessionhealth.SessionOptions;
import dev.sessionhealth.internal.DefaultSessionManager;
import dev.sessionhealth.internal.WarnOnce;
import jakarta.servlet.ServletContext;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/**
 * What the filter builds at {@code init}: the settings read and validated, the manager found in or
 * put into the servlet context, and the request path for the configured mode. Closes the manager on
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
     * Reads the settings and finds or creates the manager.
     *
     * @throws IllegalArgumentException naming the option and value that are invalid
     */
    public static FilterSetup start(FilterSettings settings, ServletContext context, String attribute) {
        TrackingMode mode = settings.mode();
        RequestExclusions exclusions = new RequestExclusions(settings.excludePaths(), settings.excludeUserAgents(),
                settings.excludeMethods());
        String cookieName = settings.cookieName();
        String cookieKey = settings.cookieKey();
        boolean serverErrors = settings.serverErrorsAsErrors();
        Object existing = context.getAttribute(attribute);
        SessionManager manager;
        boolean owned = !(existing instanceof SessionManager);
        if (owned) {
            manager = SessionManager.create(options(settings, context));
            context.setAttribute(attribute, manager);
        } else {
            manager = (SessionManager) existing;
        }
        if (!(manager instanceof DefaultSessionManager m)) {
            return new FilterSetup(context, attribute, manager, owned, null); // disabled: pass everything through
        }
        WarnOnce warn = new WarnOnce(LOG);
        boolean pii = m.tracker().options().sendDefaultPii();
        UserSessions sessions = new UserSessions(m.tracker(), m.registry());
        RequestMapper mapper = switch (mode) {
            case COOKIE -> new CookieSessionResolver(sessions, signer(cookieKey), cookieName, pii);
            case HTTP_SESSION -> new HttpSessionResolver(sessions, pii);
            case REQUEST -> new RequestCounter(m.tracker(), m.aggregator());
        };
        String path = context.getContextPath().isEmpty() ? "/" : context.getContextPath();
        LOG.log(Level.INFO, "sessionhealth: tracking {0} in {1} mode", path, mode.value());
        return new FilterSetup(context, attribute, manager, owned,
                new RequestAccounting(m, mapper, exclusions, serverErrors, warn));
    }

    /** The request path, or {@code null} when tracking is disabled. */
    public RequestAccounting accounting() {
        return accounting;
    }

    private static SessionOptions options(FilterSettings settings, ServletContext context) {
        SessionOptions options = settings.sessionOptions().build();
        if (settings.value("instance") == null) {
            // each web application keeps its own journal and outbox, even with the same DSN
            String path = context.getContextPath();
            options = options.toBuilder().instance(path == null || path.isEmpty() ? "ROOT" : path).build();
        }
        if (options.release() != null) {
            return options;
        }
        String release = ManifestRelease.of(context);
        return release == null ? options : options.toBuilder().release(release).build();
    }

    private static CookieSigner signer(String key) {
        if (key != null) {
            return CookieSigner.withKey(key);
        }
        LOG.log(Level.INFO, "sessionhealth: no cookieKey configured, so a random one signs cookies until this "
                + "application stops; configure sessionhealth.cookieKey (the same on every node) for a cluster "
                + "or to keep sessions across restarts");
        return CookieSigner.withRandomKey();
    }

    @Override
    public void close() {
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
