package dev.sessionhealth.cdi.internal;

import dev.sessionhealth.SessionOptions;
import dev.sessionhealth.internal.TrackingMode;
import dev.sessionhealth.internal.config.Configuration;
import dev.sessionhealth.internal.config.CoreOptions;
import dev.sessionhealth.internal.config.OptionCatalog;

/**
 * What the CDI module uses of the validated configuration: the core options, the tracking mode and
 * the cookie name the JAX-RS hook uses when no servlet filter tracks the request.
 *
 * @param configuration everything that was read, for the effective-configuration log
 * @param options the core options
 * @param mode how the JAX-RS hook maps requests to sessions
 * @param cookieName the name of the JAX-RS hook's cookie
 */
public record Settings(Configuration configuration, SessionOptions options, TrackingMode mode, String cookieName) {

    static Settings of(Configuration c) {
        return new Settings(c, c.sessionOptions(), c.get(CoreOptions.MODE), c.get(CoreOptions.COOKIE_NAME));
    }

    /** The effective configuration, one key a line, secrets masked. */
    String describe(String application) {
        return configuration.describe(application, OptionCatalog.all(Settings.class.getClassLoader()));
    }
}
