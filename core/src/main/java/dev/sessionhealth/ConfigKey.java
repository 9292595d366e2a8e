package dev.sessionhealth;

import dev.sessionhealth.internal.ConfigValues;
import java.util.Locale;
import java.util.function.BiConsumer;

/**
 * Every core option with its names. A value is looked up, highest precedence first, as a system
 * property ({@code sessionhealth.<key>}), an environment variable ({@code SESSIONHEALTH_<KEY>}, or
 * the Sentry name where one exists), then wherever the integration reads (a web.xml init-param or
 * MicroProfile Config under the short {@link #key()}).
 */
public enum ConfigKey {
    ENABLED("enabled", null, (b, v) -> b.enabled(ConfigValues.bool("enabled", v))),
    DSN("dsn", "SENTRY_DSN", SessionOptions.Builder::dsn),
    RELEASE("release", "SENTRY_RELEASE", SessionOptions.Builder::release),
    ENVIRONMENT("environment", "SENTRY_ENVIRONMENT", SessionOptions.Builder::environment),
    SEND_DEFAULT_PII("sendDefaultPii", null, (b, v) -> b.sendDefaultPii(ConfigValues.bool("sendDefaultPii", v))),
    DID_SALT("didSalt", null, SessionOptions.Builder::didSalt),
    SESSION_TIMEOUT("sessionTimeout", null,
            (b, v) -> b.sessionTimeout(ConfigValues.duration("sessionTimeout", v))),
    MAX_SESSION_DURATION("maxSessionDuration", null,
            (b, v) -> b.maxSessionDuration(ConfigValues.duration("maxSessionDuration", v))),
    QUEUE_CAPACITY("queueCapacity", null, (b, v) -> b.queueCapacity(ConfigValues.integer("queueCapacity", v))),
    FLUSH_INTERVAL("flushInterval", null,
            (b, v) -> b.flushInterval(ConfigValues.duration("flushInterval", v))),
    SHUTDOWN_TIMEOUT("shutdownTimeout", null,
            (b, v) -> b.shutdownTimeout(ConfigValues.duration("shutdownTimeout", v))),
    REQUEST_TIMEOUT("requestTimeout", null,
            (b, v) -> b.requestTimeout(ConfigValues.duration("requestTimeout", v))),
    REPORT_UNHANDLED("reportUnhandled", null,
            (b, v) -> b.reportUnhandled(ConfigValues.bool("reportUnhandled", v))),
    COMPRESS("compress", null, (b, v) -> b.compress(ConfigValues.bool("compress", v))),
    PERSISTENCE("persistence", null, (b, v) -> b.persistence(ConfigValues.bool("persistence", v))),
    STATE_DIRECTORY("stateDirectory", null, SessionOptions.Builder::stateDirectory),
    INSTANCE("instance", null, SessionOptions.Builder::instance),
    JOURNAL_INTERVAL("journalInterval", null,
            (b, v) -> b.journalInterval(ConfigValues.duration("journalInterval", v)));

    private final String key;
    private final String sentryEnvironmentVariable;
    private final BiConsumer<SessionOptions.Builder, String> setter;

    ConfigKey(String key, String sentryEnvironmentVariable, BiConsumer<SessionOptions.Builder, String> setter) {
        this.key = key;
        this.sentryEnvironmentVariable = sentryEnvironmentVariable;
        this.setter = setter;
    }

    /** The short name, as used in web.xml init-params and MicroProfile Config ({@code sessionhealth.} prefix there). */
    public String key() {
        return key;
    }

    /** The system property, {@code sessionhealth.<key>}. */
    public String systemProperty() {
        return "sessionhealth." + key;
    }

    /** The environment variable, {@code SESSIONHEALTH_<KEY>} in upper snake case. */
    public String environmentVariable() {
        return ConfigValues.environmentName(key);
    }

    /** The Sentry environment variable that is read too ({@code SENTRY_DSN} and so on), or {@code null}. */
    public String sentryEnvironmentVariable() {
        return sentryEnvironmentVariable;
    }

    void applyTo(SessionOptions.Builder builder, String value) {
        setter.accept(builder, value);
    }

    static ConfigKey byKey(String key) {
        for (ConfigKey k : values()) {
            if (k.key.equalsIgnoreCase(key)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown option: " + key);
    }

    static String fromSystemProperty(String key) {
        return System.getProperty(byKey(key).systemProperty());
    }

    static String fromEnvironment(String key) {
        ConfigKey k = byKey(key);
        String value = System.getenv(k.environmentVariable());
        if (value == null && k.sentryEnvironmentVariable != null) {
            value = System.getenv(k.sentryEnvironmentVariable);
        }
        return value;
    }

    @Override
    public String toString() {
        return key.toLowerCase(Locale.ROOT);
    }
}
