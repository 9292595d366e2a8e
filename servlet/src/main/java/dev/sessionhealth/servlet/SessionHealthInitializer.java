package dev.sessionhealth.servlet;

import dev.sessionhealth.servlet.internal.FilterSettings;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import java.util.EnumSet;
import java.util.Set;

/**
 * Registers {@link SessionHealthFilter} for {@code /*}, every dispatcher type, async supported and
 * ahead of the application's own filters, unless {@code sessionhealth.autoRegister} is
 * {@code false} (context-param, system property or {@code SESSIONHEALTH_AUTO_REGISTER}) or the
 * application already declared the filter (in web.xml or programmatically).
 */
public final class SessionHealthInitializer implements ServletContainerInitializer {

    /** The name the filter is registered under. */
    public static final String FILTER_NAME = "sessionhealth";

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
        FilterSettings settings = FilterSettings.of(name -> null, context::getInitParameter);
        if (!settings.autoRegister() || declared(context)) {
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
