package dev.sessionhealth.servlet;

import dev.sessionhealth.SessionManager;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The web application under test, set up only through the portable Servlet API (so Jetty and Tomcat
 * run exactly the same application): the manager in the context attribute, an outer test filter,
 * the session health filter with init-params, and the {@link AppServlet}. Also what the test reads
 * back: the exception thrown and the one that escaped, async requests waiting for the test.
 */
final class TestApp implements ServletContainerInitializer {

    final SessionManager manager;
    final Map<String, String> filterParams;
    final Map<String, String> contextParams;
    final AtomicReference<Throwable> thrown = new AtomicReference<>();
    /** What left the session health filter (seen by the filter in front of it). */
    final AtomicReference<Throwable> escaped = new AtomicReference<>();
    /** What entered the session health filter from the chain behind it (containers may wrap the servlet's). */
    final AtomicReference<Throwable> reachedFilter = new AtomicReference<>();
    /** Async requests started by the servlet, for the test to dispatch or complete from its own thread. */
    final LinkedBlockingQueue<AsyncContext> pendingAsync = new LinkedBlockingQueue<>();
    /** The container thread that ran the first dispatch of the last async request. */
    final AtomicReference<String> asyncThread = new AtomicReference<>();
    /** Released each time the first dispatch of an async request has returned through every filter. */
    final Semaphore asyncReturned = new Semaphore(0);
    final AtomicInteger served = new AtomicInteger();
    /** How many requests the servlet answered with each sid (the default endpoint only). */
    final ConcurrentHashMap<String, AtomicInteger> servedBySid = new ConcurrentHashMap<>();

    /**
     * @param manager put into the context attribute, or {@code null} to let the filter create one
     * @param filterParams the filter's init-params, or {@code null} to not declare the filter
     */
    TestApp(SessionManager manager, Map<String, String> filterParams, Map<String, String> contextParams) {
        this.manager = manager;
        this.filterParams = filterParams;
        this.contextParams = contextParams;
    }

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
        contextParams.forEach(context::setInitParameter);
        if (manager != null) {
            context.setAttribute(SessionHealthFilter.MANAGER_ATTRIBUTE, manager);
        }
        EnumSet<DispatcherType> all = EnumSet.allOf(DispatcherType.class);
        FilterRegistration.Dynamic outer = context.addFilter("outer", new OuterFilter(this));
        outer.setAsyncSupported(true);
        outer.addMappingForUrlPatterns(all, true, "/*");
        if (filterParams != null) {
            FilterRegistration.Dynamic health = context.addFilter("declared-sessionhealth", SessionHealthFilter.class);
            health.setInitParameters(filterParams);
            health.setAsyncSupported(true);
            health.addMappingForUrlPatterns(all, true, "/*");
        }
        FilterRegistration.Dynamic inner = context.addFilter("inner", new InnerFilter(this));
        inner.setAsyncSupported(true);
        inner.addMappingForUrlPatterns(all, true, "/*");
        // authentication behind the session health filter, and the filter that hands its user over
        FilterRegistration.Dynamic lateAuth = context.addFilter("late-auth", new LateAuthFilter());
        lateAuth.setAsyncSupported(true);
        lateAuth.addMappingForUrlPatterns(all, true, "/*");
        FilterRegistration.Dynamic user = context.addFilter("sessionhealth-user", SessionHealthUserFilter.class);
        user.setAsyncSupported(true);
        user.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");
        ServletRegistration.Dynamic app = context.addServlet("app", new AppServlet(this));
        app.setAsyncSupported(true);
        app.addMapping("/app/*", "/health/*", "/actuator/*", "/favicon.ico");
    }
}
