package dev.sessionhealth.servlet;

import dev.sessionhealth.internal.config.Configuration;
import dev.sessionhealth.internal.config.InvalidConfigurationException;
import dev.sessionhealth.servlet.internal.FilterOptions;
import dev.sessionhealth.servlet.internal.ServletContextConfig;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import java.util.EnumSet;
import java.util.Set;

/**
 * Reads and validates the whole configuration when the web application starts, before any request
 * (context-params, the init-params declared for {@link SessionHealthFilter}, the process, MicroProfile
 * Config): a bad value fails the deployment with every bad key in one message. Then registers
 * {@link SessionHealthFilter} for {@code /*}, every dispatcher type, async supported and
 * ahead of the application's own filters, unless {@code sessionhealth.autoRegister} is
 * {@code false} (context-param, system property or {@code SESSIONHEALTH_AUTO_REGISTER}) or the
 * application already declared the filter (in web.xml or programmatically).
 */
public final class SessionHealthInitializer implements ServletContainerInitializer {

    /** The name the filter is registered under. */
    public static final String FILTER_NAME = "sessionhealth";

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) throws ServletException {
        Configuration config;
        try {
            config = ServletContextConfig.atStartup(context);
        } catch (InvalidConfigurationException e) {
            throw new ServletException(e.getMessage(), e); // fails the deployment, on every container
        }
        if (!config.get(FilterOptions.AUTO_REGISTER) || declared(context)) {
            return;
        }
        FilterRegistration.Dynamic filter = context.addFilter(FILTER_NAME, SessionHealthFilter.class);
        if (filter == null) {
            return; // a filter of that name exists already
        }
        filter.setAsyncSupported(true);
        filter.addMappingForUrlPatterns(EnumSet.allOf(DispatcherType.class), false, "/*");
    }

    private static boolean declared(ServletContext context) {
        for (FilterRegistration r : context.getFilterRegistrations().values()) {
            if (SessionHealthFilter.class.getName().equals(r.getClassName())) {
                return true;
            }
        }
        return false;
    }
}
