package dev.sessionhealth.internal.config;

import dev.sessionhealth.internal.cookie.SigningKey;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Collection;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The configuration of one web application, read once when it starts (by whichever of our
 * initializers runs first) and kept in the servlet context attribute {@link #ATTRIBUTE}, so the
 * filter, the CDI module and the JAX-RS hook all use the same values, and the same key to sign
 * cookies (random per start when none is configured). Remembers the filter init-params it was read
 * with, so a filter whose own init-params differ reads again.
 */
public final class WebApplicationConfig {

    /** The servlet context attribute holding this application's {@code WebApplicationConfig}. */
    public static final String ATTRIBUTE = "dev.sessionhealth.configuration";

    private static final Logger LOG = System.getLogger("dev.sessionhealth.config");

    private final Configuration configuration;
    private final Map<String, String> filterInitParams;
    private final SigningKey cookieKey;

    private WebApplicationConfig(Configuration configuration, Map<String, String> filterInitParams,
            SigningKey cookieKey) {
        this.configuration = configuration;
        this.filterInitParams = filterInitParams;
        this.cookieKey = cookieKey;
    }

    private WebApplicationConfig(Configuration configuration, Map<String, String> filterInitParams) {
        this(configuration, filterInitParams, new SigningKey(configuration.get(CoreOptions.COOKIE_KEY)));
    }

    /**
     * Reads every known key from the process, the filter's init-params, the context-params and
     * MicroProfile Config, validates all of them, warns about unknown keys and logs the effective
     * configuration (INFO).
     *
     * @param contextPath the web application's context path ({@code ""} for the root): the default instance
     * @param manifestRelease the release the WAR's manifest names, or {@code null}
     * @param loader the application's class loader (for MicroProfile Config and the modules' keys)
     * @throws InvalidConfigurationException listing every bad value
     */
    public static WebApplicationConfig read(String contextPath, Function<String, String> contextParams,
            Supplier<? extends Collection<String>> contextParamNames, Map<String, String> filterInitParams,
            String manifestRelease, ClassLoader loader) {
        String instance = contextPath == null || contextPath.isEmpty() ? "ROOT" : contextPath;
        ConfigSources sources = ConfigSources.process()
                .filterInitParams(filterInitParams)
                .contextParams(contextParams, contextParamNames)
                .microProfileConfig(loader)
                .derived("context path", CoreOptions.INSTANCE.key(), instance)
                .derived("WAR manifest", CoreOptions.RELEASE.key(), manifestRelease);
        return new WebApplicationConfig(readConfiguration(instance, sources, loader), Map.copyOf(filterInitParams));
    }

    /**
     * As above for an integration that assembles its own sources (Spring Boot): validates, warns
     * about unknown keys and logs the effective configuration of {@code application}.
     *
     * @throws InvalidConfigurationException listing every bad value
     */
    public static WebApplicationConfig read(String application, ConfigSources sources, ClassLoader loader) {
        return new WebApplicationConfig(readConfiguration(application, sources, loader), Map.of());
    }

    private static Configuration readConfiguration(String application, ConfigSources sources, ClassLoader loader) {
        Collection<ConfigOption<?>> options = OptionCatalog.all(loader);
        Configuration configuration = ConfigReader.read(sources.list(), options, true);
        LOG.log(Level.INFO, configuration.describe(application, options));
        return configuration;
    }

    public Configuration configuration() {
        return configuration;
    }

    /** The key that signs this application's session cookies, for the servlet filter and the JAX-RS hook alike. */
    public SigningKey cookieKey() {
        return cookieKey;
    }

    /**
     * This reading, signing cookies with {@code earlier}'s key when both configure the same
     * {@code cookieKey} or none: a filter that reads again with its own init-params still accepts the
     * cookies the application issued before, also with a random key.
     */
    public WebApplicationConfig sharingCookieKeyOf(WebApplicationConfig earlier) {
        return new WebApplicationConfig(configuration, filterInitParams,
                earlier.cookieKey.reread(configuration.get(CoreOptions.COOKIE_KEY)));
    }

    /** Whether this was read with exactly these filter init-params. */
    public boolean readWith(Map<String, String> initParams) {
        return filterInitParams.equals(initParams);
    }
}
