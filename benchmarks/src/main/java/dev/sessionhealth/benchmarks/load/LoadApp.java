package dev.sessionhealth.benchmarks.load;

import com.bugsnag.servlet.jakarta.BugsnagServletRequestListener;
import dev.sessionhealth.servlet.SessionHealthFilter;
import io.sentry.ISentryLifecycleToken;
import io.sentry.Sentry;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/**
 * The application under load: one trivial servlet, and in front of it nothing, a pass-through filter
 * (one that also gets or creates the HTTP session, for HTTP-session mode's comparison), the floor (the least per-user tracking there is), ours, or a peer's per-request session tracking
 * (Bugsnag's request listener, or Sentry's sessions through its public API; their SDKs are set up by
 * {@link Peer}).
 */
final class LoadApp {

    enum Variant {
        BARE, PASSTHROUGH, FLOOR, COOKIE, HTTPSESSION, REQUEST,
        /** A pass-through filter that gets or creates the container's HTTP session first, as HTTP-session mode does. */
        PASSTHROUGHSESSION,
        /** Cookie mode with the sessions in a JCache cache (sessionhealth-jcache) on an embedded Hazelcast member. */
        SHARED,
        /** Cookie mode without the session journal ({@code persistence=false}): what the journal costs. */
        COOKIENOJOURNAL,
        /** bugsnag-java's {@code BugsnagServletRequestListener}: a session per request ({@link Peer}). */
        BUGSNAG,
        /** sentry-java: {@code Sentry.startSession()} and {@code endSession()} per request, on its own isolation scope ({@link Peer}). */
        SENTRY;

        static Variant parse(String s) {
            return valueOf(s.toUpperCase(Locale.ROOT));
        }

        /** The filter's {@code mode} init-param, or {@code null} when our filter is not installed. */
        String mode() {
            return switch (this) {
                case COOKIE, SHARED, COOKIENOJOURNAL -> "cookie";
                case HTTPSESSION -> "httpSession";
                case REQUEST -> "request";
                default -> null;
            };
        }

        /** Whether a peer's SDK tracks the sessions ({@link Peer}). */
        boolean peer() {
            return this == BUGSNAG || this == SENTRY;
        }
    }

    private LoadApp() {
    }

    /** Installs the servlet at {@code /app/*} and the variant's filter for {@code /*}, every dispatcher type. */
    static void install(ServletContextHandler context, Variant variant) {
        EnumSet<DispatcherType> all = EnumSet.allOf(DispatcherType.class);
        if (variant == Variant.PASSTHROUGH || variant == Variant.FLOOR || variant == Variant.PASSTHROUGHSESSION) {
            FilterHolder holder = new FilterHolder(variant == Variant.FLOOR ? new Floor()
                    : variant == Variant.PASSTHROUGHSESSION ? new SessionPassThrough() : new PassThrough());
            holder.setAsyncSupported(true);
            context.addFilter(holder, "/*", all);
        } else if (variant.mode() != null) {
            FilterHolder holder = new FilterHolder(SessionHealthFilter.class);
            holder.setInitParameters(Map.of("mode", variant.mode(), "cookieKey", "load-test-cookie-key-0123456789"));
            holder.setAsyncSupported(true);
            context.addFilter(holder, "/*", all);
        } else if (variant == Variant.BUGSNAG) {
            // what bugsnag's BugsnagServletContainerInitializer adds in a container that runs it
            context.addEventListener(new BugsnagServletRequestListener());
        } else if (variant == Variant.SENTRY) {
            FilterHolder holder = new FilterHolder(new SentrySessions());
            holder.setAsyncSupported(true);
            context.addFilter(holder, "/*", EnumSet.of(DispatcherType.REQUEST));
        }
        ServletHolder servlet = new ServletHolder(new Hello());
        servlet.setAsyncSupported(true);
        context.addServlet(servlet, "/app/*");
    }

    /** A filter that does nothing but continue the chain: the cost of any filter. */
    static final class PassThrough implements Filter {
        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            chain.doFilter(request, response);
        }
    }

    /**
     * A filter that gets or creates the request's HTTP session, as HTTP-session mode does before the
     * chain, and continues: the container's session cost, which HTTP-session mode is compared against.
     */
    static final class SessionPassThrough implements Filter {
        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            ((HttpServletRequest) request).getSession(true);
            chain.doFilter(request, response);
        }
    }

    /**
     * The floor of the per-request JMH benchmark, as a filter: the user's entry got or created in a
     * {@code ConcurrentHashMap} (keyed by the request's {@code Cookie} header, the user's cookie in this
     * test) and two counters incremented. Any per-user tracking does at least this; under load its map
     * lookup misses the CPU caches as ours does.
     */
    static final class Floor implements Filter {
        private final ConcurrentHashMap<String, LongAdder[]> users = new ConcurrentHashMap<>();

        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            String key = ((HttpServletRequest) request).getHeader("Cookie");
            if (key != null) {
                LongAdder[] counters = users.get(key);
                if (counters == null) {
                    counters = users.computeIfAbsent(key, k -> new LongAdder[] {new LongAdder(), new LongAdder()});
                }
                counters[0].increment();
                counters[1].add(0);
            }
            chain.doFilter(request, response);
        }
    }

    /**
     * Per-request sessions with sentry-java's public API (its servlet module tracks no sessions): the
     * request gets an isolation scope of its own ({@code Sentry.pushIsolationScope()}: the thread's scopes
     * forked and made current, what sentry's own servlet request listener does per request), and a session
     * is started on it before the chain and ended after it. The SDK sends an envelope for the start and
     * one for the end.
     */
    static final class SentrySessions implements Filter {
        @Override
        @SuppressWarnings("try") // the scopes are current for the chain, not referenced in it
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            try (ISentryLifecycleToken scopes = Sentry.pushIsolationScope()) {
                Sentry.startSession();
                try {
                    chain.doFilter(request, response);
                } finally {
                    Sentry.endSession();
                }
            }
        }
    }

    /** Answers a short text body. */
    static final class Hello extends HttpServlet {
        private static final long serialVersionUID = 1L;
        private static final byte[] BODY = "hello\n".getBytes(StandardCharsets.US_ASCII);

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setContentType("text/plain");
            resp.setContentLength(BODY.length);
            resp.getOutputStream().write(BODY);
        }
    }
}
