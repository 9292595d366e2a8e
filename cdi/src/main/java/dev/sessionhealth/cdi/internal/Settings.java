package dev.sessionhealth.cdi.internal;

import dev.sessionhealth.SessionOptions;
import dev.sessionhealth.internal.TrackingMode;
import dev.sessionhealth.internal.config.Configuration;
import dev.sessionhealth.internal.config.CoreOptions;
import dev.sessionhealth.internal.config.OptionCatalog;
import dev.sessionhealth.internal.config.WebApplicationConfig;
import dev.sessionhealth.internal.cookie.SigningKey;

/**
 * What the CDI module uses of the validated configuration: the core options, the tracking mode and
 * the session cookie the JAX-RS hook uses when no servlet filter tracks the request.
 *
 * @param configuration everything that was read, for the effective-configuration log
 * @param options the core options
 * @param mode how the JAX-RS hook maps requests to sessions
 * @param cookie the session cookie, as the servlet filter's
 */
public record Settings(Configuration configuration, SessionOptions options, TrackingMode mode, SessionCookie cookie) {

    /** Outside a web application: the cookie is signed with the configured key, else a random one. */
    static Settings of(Configuration c) {
        return of(c, "", new SigningKey(c.get(CoreOptions.COOKIE_KEY)));
    }

    /** In a web application: its configuration and its signing key, which the servlet filter uses too. */
    static Settings of(WebApplicationConfig w, String contextPath) {
        return of(w.configuration(), contextPath, w.cookieKey());
    }

    private static Settings of(Configuration c, String contextPath, SigningKey key) {
        return new Settings(c, c.sessionOptions(), c.get(CoreOptions.MODE),
                new SessionCookie(c.get(CoreOptions.COOKIE_NAME), contextPath, key));
    }

    /** The effective configuration, one key a line, secrets masked. */
    String describe(String application) {
        return configuration.describe(application, OptionCatalog.all(Settings.class.getClassLoader()));
    }
}
