package dev.sessionhealth.spring;

import dev.sessionhealth.SessionOptions;
import dev.sessionhealth.internal.ReleaseDetector;
import dev.sessionhealth.internal.config.ConfigSources;
import dev.sessionhealth.internal.config.Configuration;
import dev.sessionhealth.internal.config.CoreOptions;
import dev.sessionhealth.internal.config.WebApplicationConfig;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * The application's configuration, read once by core's reader with the one precedence (system
 * property, environment variable, Spring's {@code Environment}, derived values, default) and
 * validated: an invalid value fails the start-up. Shared with the filter through the servlet context.
 */
public final class SessionHealthSettings {

    private final WebApplicationConfig config;

    private SessionHealthSettings(WebApplicationConfig config) {
        this.config = config;
    }

    /**
     * @param instance the instance name derived from the application ({@code spring.application.name},
     *     else the context path)
     * @param release the release derived from build info or the manifest, or {@code null}
     */
    static SessionHealthSettings read(ConfigurableEnvironment environment, String instance, String release,
            ClassLoader loader) {
        ConfigSources sources = ConfigSources.process()
                .framework(SpringEnvironmentSource.of(environment))
                .derived("spring.application.name or context path", CoreOptions.INSTANCE.key(), instance)
                .derived("build info or manifest", CoreOptions.RELEASE.key(), release);
        return new SessionHealthSettings(WebApplicationConfig.read(instance, sources, loader));
    }

    /** The manager's options, validated. */
    public SessionOptions sessionOptions() {
        return config.configuration().sessionOptions();
    }

    /** The release sessions are sent with: configured or derived, else what core detects; {@code null} if none. */
    public String release() {
        String configured = config.configuration().get(CoreOptions.RELEASE);
        return configured != null ? configured : ReleaseDetector.detect();
    }

    /** The environment sessions are sent with. */
    public String environment() {
        return config.configuration().get(CoreOptions.ENVIRONMENT);
    }

    Configuration configuration() {
        return config.configuration();
    }

    WebApplicationConfig webApplicationConfig() {
        return config;
    }
}
