package dev.sessionhealth.servlet;

import dev.sessionhealth.servlet.internal.FilterSettings;
import dev.sessionhealth.servlet.internal.FilterSetup;
import dev.sessionhealth.servlet.internal.RequestAccounting;
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

/**
 * Tracks release health for a web application: maps each request to a user session (by our signed
 * cookie or the HTTP session) or counts it (request mode), and reports sessions through the
 * {@link dev.sessionhealth.SessionManager} it finds in, or creates and puts into, the servlet
 * context attribute {@link #MANAGER_ATTRIBUTE}.
 *
 * <p>Map it to {@code /*} for every dispatcher type with async support (the
 * {@link SessionHealthInitializer} does so unless {@code sessionhealth.autoRegister=false}). Options
 * are listed in the module's README. Exceptions of the application pass through unchanged; the
 * filter's own problems never reach the application.
 */
public final class SessionHealthFilter implements Filter {

    /** The servlet context attribute holding the application's {@link dev.sessionhealth.SessionManager}. */
    public static final String MANAGER_ATTRIBUTE = "dev.sessionhealth.SessionManager";

    private FilterSetup setup;
    private RequestAccounting accounting;

    @Override
    public void init(FilterConfig config) throws ServletException {
        ServletContext context = config.getServletContext();
        FilterSettings settings = FilterSettings.of(config::getInitParameter, context::getInitParameter);
        try {
            setup = FilterSetup.start(settings, context, MANAGER_ATTRIBUTE);
        } catch (IllegalArgumentException e) {
            throw new ServletException("sessionhealth: invalid configuration: " + e.getMessage(), e);
        }
        accounting = setup.accounting();
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        RequestAccounting a = accounting;
        if (a != null && request instanceof HttpServletRequest req && response instanceof HttpServletResponse res) {
            a.handle(req, res, chain);
        } else {
            chain.doFilter(request, response);
        }
    }

    @Override
    public void destroy() {
        accounting = null;
        if (setup != null) {
            setup.close();
            setup = null;
        }
    }
}
