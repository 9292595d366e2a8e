package dev.sessionhealth.servlet;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;

/** The test's filter behind the session health filter: records what the chain throws at it. */
final class InnerFilter implements Filter {

    private final TestApp app;

    InnerFilter(TestApp app) {
        this.app = app;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        try {
            chain.doFilter(request, response);
        } catch (IOException | ServletException | RuntimeException | Error e) {
            app.reachedFilter.set(e);
            throw e;
        }
    }
}
