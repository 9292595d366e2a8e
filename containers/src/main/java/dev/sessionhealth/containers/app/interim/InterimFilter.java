package dev.sessionhealth.containers.app.interim;

import dev.sessionhealth.SessionContext;
import dev.sessionhealth.SessionManager;
import dev.sessionhealth.internal.DefaultSessionManager;
import dev.sessionhealth.internal.RequestTracking;
import dev.sessionhealth.internal.SessionRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;

/** INTERIM, until the servlet module lands: one user session per cookie. */
@WebFilter("/*")
public final class InterimFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final String COOKIE = "interim_session";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Object found = getServletContext().getAttribute(SessionManager.class.getName());
        if (!(found instanceof DefaultSessionManager manager)) {
            chain.doFilter(request, response);
            return;
        }
        String key = key(request, response);
        SessionRegistry registry = manager.registry();
        registry.touch(key, SessionContext.EMPTY, null, null);
        RequestTracking tracking = new RequestTracking(manager.tracker(), registry.binding(key, null, null));
        request.setAttribute(RequestTracking.ATTRIBUTE, tracking);
        try (DefaultSessionManager.Scope scope = manager.bind(tracking)) {
            chain.doFilter(request, response);
        } catch (IOException | ServletException | RuntimeException e) {
            tracking.recordError(manager.tracker(), false);
            throw e;
        }
    }

    private static String key(HttpServletRequest request, HttpServletResponse response) {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie c : cookies) {
                if (COOKIE.equals(c.getName())) {
                    return c.getValue();
                }
            }
        }
        String key = UUID.randomUUID().toString();
        Cookie cookie = new Cookie(COOKIE, key);
        cookie.setPath("/");
        cookie.setHttpOnly(true);
        response.addCookie(cookie);
        return key;
    }
}
