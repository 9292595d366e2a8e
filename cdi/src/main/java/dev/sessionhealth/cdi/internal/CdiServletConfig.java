package dev.sessionhealth.cdi.internal;

import dev.sessionhealth.internal.ManifestRelease;
import dev.sessionhealth.internal.config.InvalidConfigurationException;
import dev.sessionhealth.internal.config.WebApplicationConfig;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import java.util.Collections;
import java.util.Map;

/**
 * The web application's configuration, shared with the servlet filter through
 * {@link WebApplicationConfig#ATTRIBUTE}: taken from there, or read from the same sources the
 * servlet module reads (this module does not depend on it, hence this small twin of its
 * {@code ServletContextConfig}). Names no CDI type: the servlet initializer uses it without CDI.
 */
public final class CdiServletConfig {

    private static final String FILTER_CLASS = "dev.sessionhealth.servlet.SessionHealthFilter";

    private CdiServletConfig() {
    }

    /** @throws InvalidConfigurationException listing every bad value */
    public static WebApplicationConfig atStartup(ServletContext context) {
        if (context.getAttribute(WebApplicationConfig.ATTRIBUTE) instanceof WebApplicationConfig c) {
            return c;
        }
        ClassLoader loader = context.getClassLoader() != null ? context.getClassLoader()
                : CdiServletConfig.class.getClassLoader();
        WebApplicationConfig c = WebApplicationConfig.read(context.getContextPath(), context::getInitParameter,
                () -> Collections.list(context.getInitParameterNames()), filterInitParams(context),
                ManifestRelease.of(() -> context.getResourceAsStream("/META-INF/MANIFEST.MF")), loader);
        context.setAttribute(WebApplicationConfig.ATTRIBUTE, c);
        return c;
    }

    private static Map<String, String> filterInitParams(ServletContext context) {
        try {
            for (FilterRegistration r : context.getFilterRegistrations().values()) {
                if (FILTER_CLASS.equals(r.getClassName())) {
                    return r.getInitParameters();
                }
            }
        } catch (UnsupportedOperationException e) {
            // a context handed to a listener the application did not declare: no registrations to see
        }
        return Map.of();
    }
}
