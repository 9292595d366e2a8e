package dev.sessionhealth.servlet;

import dev.sessionhealth.servlet.internal.FilterSetup;
import dev.sessionhealth.servlet.internal.RequestAccounting;
import dev.sessionhealth.servlet.internal.ServletContextConfig;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Tracks release health for a web application: maps each request to a user session (by our signed
 * cookie or the HTTP session) or counts it (request mode), and reports sessions through the
 * {@link dev.sessionhealth.SessionManager} it finds in, or creates and puts into, the servlet
 * context attribute {@link #MANAGER_ATTRIBUTE}.
 *
 * <p>Map it to {@code /*} for every dispatcher type with async support (the
 * {@link SessionHealthInitializer} does so unless {@code sessionhealth.autoRegister=false}). Options
 * are listed in the root README. Exceptions of the application pass through unchanged; the
 * filter's own problems never reach the application.
 *
 * <p>An invalid configuration fails the deployment in the initializer, before any request. A filter
 * that still could not set up (its own init-params are bad, or the initializer did not run) logs
 * why, never throws from {@code init} (some containers initialize filters on the first request and
 * would answer every request with an error) and passes every request through untouched.
 */
public final class SessionHealthFilter implements Filter {

    /** The servlet context attribute holding the application's {@link dev.sessionhealth.SessionManager}. */
    public static final String MANAGER_ATTRIBUTE = "dev.sessionhealth.SessionManager";

    private static final Logger LOG = System.getLogger("dev.sessionhealth.servlet");

    private FilterSetup setup;
    private RequestAccounting accounting;
    private volatile String failure;
    private final AtomicBoolean failureNoted = new AtomicBoolean();

    @Override
    public void init(FilterConfig config) {
        ServletContext context = config.getServletContext();
        try {
            setup = FilterSetup.start(ServletContextConfig.forFilter(config), context, MANAGER_ATTRIBUTE);
            accounting = setup.accounting();
        } catch (RuntimeException | LinkageError e) {
            String why = String.valueOf(e.getMessage()).replaceFirst("^sessionhealth: ", "");
            failure = why;
            LOG.log(Level.ERROR, "sessionhealth: the filter is not tracking this application: " + why, e);
        }
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        RequestAccounting a = accounting;
        if (a != null && request instanceof HttpServletRequest req && response instanceof HttpServletResponse res) {
            a.handle(req, res, chain);
            return;
        }
        if (failure != null && failureNoted.compareAndSet(false, true)) {
            LOG.log(Level.WARNING, "sessionhealth: passing requests through untracked, the filter's setup failed: "
                    + failure);
        }
        chain.doFilter(request, response);
    }

    /** Closes what {@code init} created, if it created anything; never throws. */
    @Override
    public void destroy() {
        accounting = null;
        FilterSetup s = setup;
        setup = null;
        if (s == null) {
            return; // init failed or never ran
        }
        try {
            s.close();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "sessionhealth: closing the session manager failed", e);
        }
    }
}
