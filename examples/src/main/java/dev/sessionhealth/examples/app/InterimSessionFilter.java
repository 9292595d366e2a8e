package dev.sessionhealth.examples.app;

import dev.sessionhealth.SessionContext;
import dev.sessionhealth.internal.DefaultSessionManager;
import dev.sessionhealth.internal.RequestTracking;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;

/**
 * TEMPORARY stand-in for the sessionhealth-servlet filter until that module is merged: one tracked
 * session per (unsigned) cookie, bound for the request; an escaping exception crashes the session.
 */
public final class InterimSessionFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final String COOKIE = "demo_session";

    private final transient DefaultSessionManager manager;

    public InterimSessionFilter(DefaultSessionManager manager) {
        this.manager = manager;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String key = cookie(request);
        if (key == null) {
            key = UUID.randomUUID().toString();
            Cookie cookie = new Cookie(COOKIE, key);
            cookie.setHttpOnly(true);
            cookie.setPath("/");
            response.addCookie(cookie);
        }
        manager.registry().touch(key, SessionContext.EMPTY, request.getHeader("User-Agent"), request.getRemoteAddr());
        RequestTracking tracking = new RequestTracking(manager.tracker(), manager.registry().binding(key, null, null));
        request.setAttribute(RequestTracking.ATTRIBUTE, tracking);
        try (DefaultSessionManager.Scope scope = manager.bind(tracking)) {
            chain.doFilter(request, response);
        } catch (IOException | ServletException | RuntimeException | Error e) {
            tracking.recordError(manager.tracker(), false);
            throw e;
        }
    }

    private static String cookie(HttpServletRequest request) {
        if (request.getCookies() != null) {
            for (Cookie c : request.getCookies()) {
                if (COOKIE.equals(c.getName()) && c.getValue().length() == 36) {
                    return c.getValue();
                }
            }
        }
        return null;
    }
}
