package dev.sessionhealth.benchmarks.load;

import dev.sessionhealth.servlet.SessionHealthFilter;
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
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/** The application under load: one trivial servlet, and in front of it nothing, a pass-through filter, or ours. */
final class LoadApp {

    enum Variant {
        BARE, PASSTHROUGH, COOKIE, HTTPSESSION, REQUEST;

        static Variant parse(String s) {
            return valueOf(s.toUpperCase(Locale.ROOT));
        }

        /** The filter's {@code mode} init-param, or {@code null} when our filter is not installed. */
        String mode() {
            return switch (this) {
                case COOKIE -> "cookie";
                case HTTPSESSION -> "httpSession";
                case REQUEST -> "request";
                default -> null;
            };
        }
    }

    private LoadApp() {
    }

    /** Installs the servlet at {@code /app/*} and the variant's filter for {@code /*}, every dispatcher type. */
    static void install(ServletContextHandler context, Variant variant) {
        EnumSet<DispatcherType> all = EnumSet.allOf(DispatcherType.class);
        if (variant == Variant.PASSTHROUGH) {
            FilterHolder holder = new FilterHolder(new PassThrough());
            holder.setAsyncSupported(true);
            context.addFilter(holder, "/*", all);
        } else if (variant.mode() != null) {
            FilterHolder holder = new FilterHolder(SessionHealthFilter.class);
            holder.setInitParameters(Map.of("mode", variant.mode(), "cookieKey", "load-test-cookie-key-0123456789"));
            holder.setAsyncSupported(true);
            context.addFilter(holder, "/*", all);
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
