package dev.sessionhealth.servlet;

import dev.sessionhealth.Session;
import dev.sessionhealth.SessionContext;
import dev.sessionhealth.SessionManager;
import dev.sessionhealth.User;
import dev.sessionhealth.internal.DefaultSessionManager;
import dev.sessionhealth.servlet.internal.TrackedHttpSession;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

/** The application's endpoints; each answers with the current sid or what the test asked for. */
final class AppServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private final transient TestApp app;

    AppServlet(TestApp app) {
        this.app = app;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
        app.served.incrementAndGet();
        String path = req.getServletPath() + (req.getPathInfo() == null ? "" : req.getPathInfo());
        switch (path) {
            case "/app/boom" -> boom(req.getParameter("kind"));
            case "/app/status" -> status(req, resp);
            case "/app/handled" -> {
                manager().recordError(true);
                write(resp, sid());
            }
            case "/app/logout" -> {
                manager().endSession();
                write(resp, "bye");
            }
            case "/app/invalidate" -> {
                req.getSession().invalidate();
                write(resp, "bye");
            }
            case "/app/login" -> write(resp,
                    manager().startSession(SessionContext.forUser(User.of(req.getParameter("user")))).sid());
            case "/app/async" -> async(req, resp);
            case "/app/thread" -> { // which container thread served it, after a handled error if asked
                if (req.getParameter("record") != null) {
                    manager().recordError(true);
                }
                write(resp, Thread.currentThread().getName());
            }
            case "/app/forget" -> forget(req, resp);
            case "/app/filters" -> write(resp, String.valueOf(declaredFilters()));
            case "/app/manager" -> write(resp, String.valueOf(manager().isEnabled()));
            default -> {
                String sid = sid();
                app.servedBySid.computeIfAbsent(sid, k -> new AtomicInteger()).incrementAndGet();
                write(resp, sid);
            }
        }
    }

    private void status(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        int code = Integer.parseInt(req.getParameter("code"));
        if (req.getParameter("record") != null) {
            manager().recordError(true);
        }
        if ("send".equals(req.getParameter("how"))) {
            resp.sendError(code);
        } else {
            resp.setStatus(code);
            write(resp, sid());
        }
    }

    /** First dispatch: go async and hand the context to the test. Async dispatch: answer. */
    private void async(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (req.getDispatcherType() == DispatcherType.ASYNC) {
            if (req.getParameter("fail") != null) {
                throw new IllegalStateException("async boom");
            }
            String code = req.getParameter("code");
            resp.setStatus(code == null ? 200 : Integer.parseInt(code));
            write(resp, sid());
            return;
        }
        AsyncContext ac = req.startAsync();
        ac.setTimeout(30_000);
        app.asyncThread.set(Thread.currentThread().getName());
        app.pendingAsync.add(ac);
    }

    /** Simulates a node that never saw this HTTP session's tracked session (failover). */
    private void forget(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        TrackedHttpSession tracked = (TrackedHttpSession) req.getSession().getAttribute(TrackedHttpSession.ATTRIBUTE);
        ((DefaultSessionManager) manager()).registry().forget(tracked.key());
        write(resp, "forgotten");
    }

    private int declaredFilters() {
        int n = 0;
        for (FilterRegistration r : getServletContext().getFilterRegistrations().values()) {
            if (SessionHealthFilter.class.getName().equals(r.getClassName())) {
                n++;
            }
        }
        return n;
    }

    /** Throws the kind of exception asked for, remembering the instance. */
    private void boom(String kind) throws IOException, ServletException {
        Throwable t = switch (kind == null ? "runtime" : kind) {
            case "io" -> new IOException("boom");
            case "servlet" -> new ServletException("boom");
            case "error" -> new TestError();
            default -> new IllegalStateException("boom");
        };
        app.thrown.set(t);
        if (t instanceof IOException e) {
            throw e;
        }
        if (t instanceof ServletException e) {
            throw e;
        }
        if (t instanceof RuntimeException e) {
            throw e;
        }
        throw (Error) t;
    }

    private SessionManager manager() {
        return (SessionManager) getServletContext().getAttribute(SessionHealthFilter.MANAGER_ATTRIBUTE);
    }

    private String sid() {
        return manager().currentSession().map(Session::sid).orElse("none");
    }

    private static void write(HttpServletResponse resp, String body) throws IOException {
        resp.setContentType("text/plain");
        resp.getWriter().write(body);
    }

    /** An {@link Error} the application throws, which must come out of the filter unchanged. */
    static final class TestError extends Error {
        private static final long serialVersionUID = 1L;

        TestError() {
            super("boom");
        }
    }
}
