package dev.sessionhealth.cdi.internal;

import dev.sessionhealth.ConfigKey;
import dev.sessionhealth.internal.ConfigValues;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Finds an option by its short key, highest precedence first: the system property
 * {@code sessionhealth.<key>}, the environment variable ({@code SESSIONHEALTH_<KEY>}, then the
 * Sentry name such as {@code SENTRY_DSN}), MicroProfile Config ({@code sessionhealth.<key>}) when
 * it is on the class path, and last the web.xml context-param {@code sessionhealth.<key>}.
 */
final class ConfigLookup implements UnaryOperator<String> {

    private final Function<String, String> systemProperties;
    private final Function<String, String> environment;
    private final Function<String, String> microProfile;
    private final Function<String, String> contextParams;

    ConfigLookup(Function<String, String> systemProperties, Function<String, String> environment,
            Function<String, String> microProfile, Function<String, String> contextParams) {
        this.systemProperties = systemProperties;
        this.environment = environment;
        this.microProfile = microProfile;
        this.contextParams = contextParams;
    }

    /** The process's system properties and environment, MicroProfile Config if present, and these context-params. */
    static ConfigLookup of(Function<String, String> contextParams) {
        return new ConfigLookup(System::getProperty, System::getenv, MicroProfileConfig.find(), contextParams);
    }

    /** Only the given values, by full name ({@code sessionhealth.release}); for tests. */
    static ConfigLookup ofMap(Map<String, String> values) {
        return new ConfigLookup(values::get, name -> null, name -> null, name -> null);
    }

    @Override
    public String apply(String key) {
        String name = "sessionhealth." + key;
        String value = systemProperties.apply(name);
        if (value == null) {
            value = environment.apply(ConfigValues.environmentName(key));
        }
        if (value == null) {
            String sentryName = sentryVariable(key);
            value = sentryName == null ? null : environment.apply(sentryName);
        }
        if (value == null && microProfile != null) {
            value = microProfile.apply(name);
        }
        if (value == null && contextParams != null) {
            value = contextParams.apply(name);
        }
        return value;
    }

    private static String sentryVariable(String key) {
        for (ConfigKey k : ConfigKey.values()) {
            if (k.key().equals(key)) {
                return k.sentryEnvironmentVariable();
            }
        }
        return null;
    }
}
