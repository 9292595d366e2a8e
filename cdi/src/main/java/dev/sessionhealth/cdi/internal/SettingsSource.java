package dev.sessionhealth.cdi.internal;

import dev.sessionhealth.internal.config.ConfigReader;
import dev.sessionhealth.internal.config.ConfigSources;
import dev.sessionhealth.internal.config.InvalidConfigurationException;
import dev.sessionhealth.internal.config.OptionCatalog;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.servlet.ServletContext;

/**
 * Where the extension reads its settings: first the process (system properties, environment,
 * MicroProfile Config), then, in a web application, the same reading the servlet side uses
 * (context-params and the filter's init-params too).
 */
public final class SettingsSource {

    private SettingsSource() {
    }

    /**
     * Settings from system properties, environment and MicroProfile Config. Unknown keys are warned
     * about by the web application's reading (or not at all outside one).
     *
     * @throws InvalidConfigurationException listing every bad value
     */
    public static Settings fromProcess() {
        ClassLoader loader = loader();
        return Settings.of(ConfigReader.read(ConfigSources.process().microProfileConfig(loader).list(),
                OptionCatalog.all(loader), false));
    }

    /**
     * When the application scope starts: if {@code payload} is the ServletContext, takes the web
     * application's configuration (read by our initializer, or now) and hands it to the source.
     *
     * @throws DeploymentException when a value is invalid, which fails the application start
     */
    public static void completeWith(ManagerSource source, Object payload) {
        if (payload == null || !isServletContext(payload)) {
            return;
        }
        ServletContext context = (ServletContext) payload;
        try {
            source.servletContext(context, Settings.of(CdiServletConfig.atStartup(context), context.getContextPath()));
        } catch (InvalidConfigurationException e) {
            throw new DeploymentException(e.getMessage(), e);
        }
    }

    private static ClassLoader loader() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return loader != null ? loader : SettingsSource.class.getClassLoader();
    }

    private static boolean isServletContext(Object payload) {
        try {
            return payload instanceof ServletContext;
        } catch (NoClassDefFoundError e) {
            return false; // no Servlet API: not a web application
        }
    }
}
