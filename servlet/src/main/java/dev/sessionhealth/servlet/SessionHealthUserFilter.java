package dev.sessionhealth.servlet;

import dev.sessionhealth.servlet.internal.RequestAccounting;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;

/**
 * For applications whose authentication runs in a filter <em>after</em> {@link SessionHealthFilter}
 * (Spring Security, Apache Shiro, a single-sign-on filter): map this filter behind the
 * authentication filter and it hands the authenticated principal to the request's session, which
 * restarts with that user when a principal appears in an anonymous session or changes (the rule
 * {@link SessionHealthFilter} applies to principals the container knows at the start of a request).
 * {@link SessionHealthFilter} should stay first, so that it sees exceptions from every filter.
 *
 * <p>Does nothing in request mode, for excluded requests, or when {@link SessionHealthFilter} is not
 * tracking; never throws because of its own problems.
 */
public final class SessionHealthUserFilter implements Filter {

    private ServletContext context;

    @Override
    public void init(FilterConfig config) {
        context = config.getServletContext();
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request instanceof HttpServletRequest req && req.getUserPrincipal() != null
                && context.getAttribute(RequestAccounting.ATTRIBUTE) instanceof RequestAccounting accounting) {
            accounting.principalKnown(req);
        }
        chain.doFilter(request, response);
    }
}
