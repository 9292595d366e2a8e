package dev.sessionhealth.cdi.contract;

import dev.sessionhealth.servlet.SessionHealthFilter;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;

/** Installs the servlet filter in front of the JAX-RS servlet, as its initializer would. */
public final class WithServletFilter {

    private WithServletFilter() {
    }

    public static void install(ServletContextHandler context) {
        install(context, "/*");
    }

    /** Only for requests that match {@code pattern} (as a {@code <url-pattern>} of web.xml). */
    public static void install(ServletContextHandler context, String pattern) {
        context.addFilter(SessionHealthFilter.class, pattern, EnumSet.allOf(DispatcherType.class)).setAsyncSupported(true);
    }
}
