package dev.sessionhealth.cdi.contract;

import dev.sessionhealth.servlet.SessionHealthFilter;
import dev.sessionhealth.testing.WebApp;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import java.util.Map;

/** Installs the servlet filter in front of the JAX-RS servlet, as its initializer would. */
public final class WithServletFilter {

    private WithServletFilter() {
    }

    public static WebApp install(WebApp app) {
        return install(app, "/*");
    }

    /** Only for requests that match {@code pattern} (as a {@code <url-pattern>} of web.xml). */
    public static WebApp install(WebApp app, String pattern) {
        return app.filter("sessionhealth", SessionHealthFilter.class, Map.of(), EnumSet.allOf(DispatcherType.class), pattern);
    }
}
