package dev.sessionhealth.servlet;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import java.security.Principal;

/**
 * The test's filter in front of the session health filter: authenticates the request as the user
 * named in {@code X-Test-User} (a stand-in for a container login), marks it secure when
 * {@code X-Test-Secure} is present (as a TLS-terminating proxy setup would), records the exception that
 * escaped the chain, and signals when an async request's first dispatch has returned.
 */
final class OuterFilter implements Filter {

    /** The header naming the user to authenticate the request as (a {@code Browser} sends it with {@code header}). */
    static final String USER = "X-Test-User";
    /** The header that marks the request as arriving over TLS (any value). */
    static final String SECURE = "X-Test-Secure";

    private final TestApp app;

    OuterFilter(TestApp app) {
        this.app = app;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        String user = http.getHeader(USER);
        boolean secure = http.getHeader(SECURE) != null;
        ServletRequest effective = user == null && !secure ? request : new HttpServletRequestWrapper(http) {
            @Override
            public Principal getUserPrincipal() {
                return user == null ? super.getUserPrincipal() : () -> user;
            }

            @Override
            public String getRemoteUser() {
                return user == null ? super.getRemoteUser() : user;
            }

            @Override
            public boolean isSecure() {
                return secure || super.isSecure();
            }
        };
        try {
            chain.doFilter(effective, response);
        } catch (IOException | ServletException | RuntimeException | Error e) {
            app.escaped.set(e);
            throw e;
        }
        if (request.getDispatcherType() == DispatcherType.REQUEST && request.isAsyncStarted()) {
            app.asyncReturned.release();
        }
    }
}
