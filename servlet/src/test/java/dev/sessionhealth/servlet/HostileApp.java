package dev.sessionhealth.servlet;

import dev.sessionhealth.Session;
import dev.sessionhealth.SessionManager;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;

/**
 * A minimal application that describes the request it received (header sizes, cookie count, the
 * forwarded-for header), with or without the session health filter, so that the same hostile request
 * can be compared against both.
 */
final class HostileApp implements ServletContainerInitializer {

    private final SessionManager manager;

    /** @param manager the manager for the filter, or {@code null} for the application without the library */
    HostileApp(SessionManager manager) {
        this.manager = manager;
    }

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
        if (manager != null) {
            context.setAttribute(SessionHealthFilter.MANAGER_ATTRIBUTE, manager);
            FilterRegistration.Dynamic health = context.addFilter("sessionhealth", SessionHealthFilter.class);
            health.setAsyncSupported(true);
            health.addMappingForUrlPatterns(EnumSet.allOf(DispatcherType.class), false, "/*");
        }
        context.addServlet("echo", new Echo()).addMapping("/echo", "/sid");
    }

    /** Answers what it saw of the request, or (at {@code /sid}) the bound session's id. */
    static final class Echo extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            String body;
            if ("/sid".equals(req.getServletPath())) {
                Object m = getServletContext().getAttribute(SessionHealthFilter.MANAGER_ATTRIBUTE);
                body = m instanceof SessionManager sm ? sm.currentSession().map(Session::sid).orElse("none") : "none";
            } else {
                String ua = req.getHeader("User-Agent");
                String xff = req.getHeader("X-Forwarded-For");
                Cookie[] cookies = req.getCookies();
                body = "ua=" + (ua == null ? -1 : ua.length()) + " cookies=" + (cookies == null ? 0 : cookies.length)
                        + " xff=" + (xff == null ? -1 : xff.length()) + " remote=" + req.getRemoteAddr();
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            resp.setContentType("text/plain;charset=UTF-8");
            resp.setContentLength(bytes.length);
            resp.getOutputStream().write(bytes);
        }
    }
}
