package dev.sessionhealth.servlet;

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
 * An authentication filter behind the session health filter (as Spring Security or Shiro would be):
 * authenticates the request as the user in {@code X-Test-Late-User}, which the session health filter
 * cannot have seen at the start of the request.
 */
final class LateAuthFilter implements Filter {

    /** The header naming the user this filter authenticates the request as. */
    static final String USER = "X-Test-Late-User";

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        String user = http.getHeader(USER);
        if (user == null) {
            chain.doFilter(request, response);
            return;
        }
        chain.doFilter(new HttpServletRequestWrapper(http) {
            @Override
            public Principal getUserPrincipal() {
                return () -> user;
            }

            @Override
            public String getRemoteUser() {
                return user;
            }
        }, response);
    }
}
