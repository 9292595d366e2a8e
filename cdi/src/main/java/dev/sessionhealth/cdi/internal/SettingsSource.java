package dev.sessionhealth.cdi.internal;

import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.servlet.ServletContext;

/** Where the extension reads its settings: first the process, then the web application too. */
public final class SettingsSource {

    private SettingsSource() {
    }

    /**
     * Settings from system properties, environment and MicroProfile Config.
     *
     * @throws IllegalArgumentException naming the option and its bad value
     */
    public static Settings fromProcess() {
        return Settings.load(ConfigLookup.of(null));
    }

    /**
     * When the application scope starts: if {@code payload} is the ServletContext, re-reads the
     * settings with its context-params and hands both to the source.
     *
     * @throws DeploymentException when a context-param is invalid, which fails the application start
     */
    public static void completeWith(ManagerSource source, Object payload) {
        if (payload == null || !isServletContext(payload)) {
            return;
        }
        ServletContext context = (ServletContext) payload;
        try {
            source.servletContext(context, Settings.load(ConfigLookup.of(context::getInitParameter)));
        } catch (IllegalArgumentException e) {
            throw new DeploymentException("sessionhealth: invalid configuration " + e.getMessage(), e);
        }
    }

    private static boolean isServletContext(Object payload) {
        try {
            return payload instanceof ServletContext;
        } catch (NoClassDefFoundError e) {
            return false; // no Servlet API: not a web application
        }
    }
}
