package dev.sessionhealth.internal.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one precedence, highest first, whatever the integration: system property
 * ({@code sessionhealth.<key>}), environment variable ({@code SESSIONHEALTH_<KEY>}, then
 * {@code SENTRY_DSN}/{@code SENTRY_RELEASE}/{@code SENTRY_ENVIRONMENT}), MicroProfile Config
 * ({@code sessionhealth.<key>}) or, in Spring Boot, Spring's {@code Environment} in its place, filter init-param ({@code <key>}), context-param
 * ({@code sessionhealth.<key>}), what the integration derives from the application (the context
 * path as {@code instance}, the WAR manifest's release), the default. What is set outside the WAR
 * (by whoever runs it) wins over what the WAR carries, and the filter's own declaration over the
 * application-wide one. An integration adds the sources it has; their order is fixed here.
 */
public final class ConfigSources {

    private Properties systemProperties = System.getProperties();
    private Map<String, String> environment = System.getenv();
    private ConfigSource filterInitParams;
    private ConfigSource contextParams;
    private ConfigSource microProfile;
    private final List<ConfigSource> derived = new ArrayList<>();

    private ConfigSources() {
    }

    /** The process's system properties and environment, nothing else yet. */
    public static ConfigSources process() {
        return new ConfigSources();
    }

    /** Instead of the process's own (tests). */
    public ConfigSources systemProperties(Properties properties) {
        this.systemProperties = properties;
        return this;
    }

    /** Instead of the process's own (tests). */
    public ConfigSources environment(Map<String, String> variables) {
        this.environment = variables;
        return this;
    }

    /** The init-params of our filter, by short key. */
    public ConfigSources filterInitParams(Map<String, String> params) {
        this.filterInitParams = ConfigSource.shortKeys("filter init-param", params);
        return this;
    }

    /** The web application's context-params, by full name. */
    ConfigSources contextParams(Function<String, String> lookup, Supplier<? extends Collection<String>> names) {
        this.contextParams = ConfigSource.prefixed("context-param", lookup, names);
        return this;
    }

    /** MicroProfile Config as {@code loader} sees it, if the application has it. */
    public ConfigSources microProfileConfig(ClassLoader loader) {
        this.microProfile = MicroProfileConfigSource.find(loader);
        return this;
    }

    /**
     * The framework's own configuration where MicroProfile Config would be (Spring's
     * {@code Environment}: application.properties, profiles, command-line arguments).
     */
    public ConfigSources framework(ConfigSource source) {
        this.microProfile = source;
        return this;
    }

    /** A MicroProfile Config stand-in, by full name (tests, runtimes with their own lookup). */
    ConfigSources microProfileConfig(Function<String, String> lookup, Supplier<? extends Collection<String>> names) {
        this.microProfile = ConfigSource.prefixed("MicroProfile Config", lookup, names);
        return this;
    }

    /** A default derived from the application ({@code description}: "context path", "WAR manifest"). */
    public ConfigSources derived(String description, String key, String value) {
        if (value != null) {
            derived.add(ConfigSource.derived(description, Map.of(key, value)));
        }
        return this;
    }

    /** The sources, highest precedence first. */
    public List<ConfigSource> list() {
        List<ConfigSource> out = new ArrayList<>();
        out.add(ConfigSource.systemProperties(systemProperties));
        out.add(ConfigSource.environment(environment));
        for (ConfigSource s : new ConfigSource[] {microProfile, filterInitParams, contextParams}) {
            if (s != null) {
                out.add(s);
            }
        }
        out.addAll(derived);
        return out;
    }
}
