package dev.sessionhealth.servlet.internal;

import dev.sessionhealth.internal.ManifestRelease;
import dev.sessionhealth.internal.config.Configuration;
import dev.sessionhealth.internal.config.CoreOptions;
import dev.sessionhealth.internal.config.InvalidConfigurationException;
import dev.sessionhealth.internal.config.WebApplicationConfig;
import dev.sessionhealth.internal.cookie.CookieSigner;
import dev.sessionhealth.internal.cookie.SigningKey;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The web application's configuration as core's reader sees it: the process, the init-params of
 * our filter, the context-params, MicroProfile Config, the context path and the WAR's manifest.
 * Read once and shared through {@link WebApplicationConfig#ATTRIBUTE} (the CDI module reads the
 * same attribute, or the same sources when it starts first).
 */
public final class ServletContextConfig {

    static final String FILTER_CLASS = "dev.sessionhealth.servlet.SessionHealthFilter";
    static final String MANAGER_ATTRIBUTE = "dev.sessionhealth.SessionManager";
    private static final Logger LOG = System.getLogger("dev.sessionhealth.servlet");

    private ServletContextConfig() {
    }

    /**
     * When the application starts: with the init-params declared for our filter, where the container
     * lists filter registrations.
     *
     * @throws InvalidConfigurationException listing every bad value
     */
    public static Configuration atStartup(ServletContext context) {
        if (context.getAttribute(WebApplicationConfig.ATTRIBUTE) instanceof WebApplicationConfig c) {
            return c.configuration();
        }
        return read(context, declaredInitParams(context));
    }

    /**
     * For a filter: the start-up reading if it saw this filter's init-params, else a new reading
     * with them (a filter added after start-up with init-params of its own).
     *
     * @throws InvalidConfigurationException listing every bad value
     */
    public static Configuration forFilter(FilterConfig config) {
        ServletContext context = config.getServletContext();
        Map<String, String> params = new HashMap<>();
        for (String name : Collections.list(config.getInitParameterNames())) {
            params.put(name, config.getInitParameter(name));
        }
        if (context.getAttribute(WebApplicationConfig.ATTRIBUTE) instanceof WebApplicationConfig c
                && c.readWith(params)) {
            return c.configuration();
        }
        List<String> unused = params.keySet().stream().filter(ServletContextConfig::isManagerOption).toList();
        if (context.getAttribute(MANAGER_ATTRIBUTE) != null && !unused.isEmpty()) {
            LOG.log(Level.WARNING, "sessionhealth: the application's session manager exists already, so the "
                    + "filter's init-params " + unused + " do not apply to it; declare the filter in web.xml "
                    + "(read at start-up) or set them as context-params");
        }
        return read(context, params);
    }

    /**
     * The signer of the application's session cookies, the one the JAX-RS hook uses too: that of the
     * reading {@code config} came from (its {@code cookieKey}, else the application's random key).
     */
    static CookieSigner cookieSigner(ServletContext context, Configuration config) {
        if (context.getAttribute(WebApplicationConfig.ATTRIBUTE) instanceof WebApplicationConfig c
                && c.configuration() == config) {
            return c.cookieKey().signer();
        }
        return new SigningKey(config.get(CoreOptions.COOKIE_KEY)).signer(); // read elsewhere: no application key
    }

    private static Configuration read(ServletContext context, Map<String, String> initParams) {
        WebApplicationConfig c = WebApplicationConfig.read(context.getContextPath(), context::getInitParameter,
                () -> Collections.list(context.getInitParameterNames()), initParams,
                ManifestRelease.of(() -> context.getResourceAsStream("/META-INF/MANIFEST.MF")), loader(context));
        if (context.getAttribute(WebApplicationConfig.ATTRIBUTE) instanceof WebApplicationConfig earlier) {
            c = c.sharingCookieKeyOf(earlier); // cookies issued before this reading stay valid
        }
        context.setAttribute(WebApplicationConfig.ATTRIBUTE, c);
        return c.configuration();
    }

    /** Whether {@code key} configures the session manager rather than the filter itself. */
    private static boolean isManagerOption(String key) {
        return new CoreOptions().options().stream().anyMatch(o -> o.key().equals(key))
                && !key.equals(CoreOptions.MODE.key()) && !key.equals(CoreOptions.COOKIE_NAME.key())
                && !key.equals(CoreOptions.COOKIE_KEY.key());
    }

    /** The init-params of our filter as declared in web.xml or by the application, or none. */
    static Map<String, String> declaredInitParams(ServletContext context) {
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

    private static ClassLoader loader(ServletContext context) {
        ClassLoader loader = context.getClassLoader();
        return loader != null ? loader : ServletContextConfig.class.getClassLoader();
    }
}
