package dev.sessionhealth.servlet;

import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;

/** A filter configuration as a container hands one to {@code init}, for tests that start the filter by hand. */
public final class FilterConfigs {

    private FilterConfigs() {
    }

    public static FilterConfig of(ServletContext context, Map<String, String> params) {
        return new FilterConfig() {
            @Override
            public String getFilterName() {
                return "sessionhealth";
            }

            @Override
            public ServletContext getServletContext() {
                return context;
            }

            @Override
            public String getInitParameter(String name) {
                return params.get(name);
            }

            @Override
            public Enumeration<String> getInitParameterNames() {
                return Collections.enumeration(params.keySet());
            }
        };
    }
}
