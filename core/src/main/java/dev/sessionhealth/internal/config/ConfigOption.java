package dev.sessionhealth.internal.config;

import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * One configuration key: its name, how a string becomes a value (or why it cannot), its default and
 * how a value may be shown in logs. The same definition serves every source and every integration.
 *
 * @param <T> the type of the parsed value
 */
public final class ConfigOption<T> {

    private final String key;
    private final Function<String, T> parser;
    private final T defaultValue;
    private final String defaultText;
    private final Display display;
    private final String sentryVariable;

    /** How a value appears in the effective configuration and in error messages. */
    enum Display {
        /** As it is. */
        PLAIN,
        /** Never shown: only that it is set, and its length. */
        SECRET,
        /** A URL whose user part (the DSN's key) is hidden. */
        URL_WITH_KEY
    }

    private ConfigOption(String key, Function<String, T> parser, T defaultValue, String defaultText, Display display,
            String sentryVariable) {
        this.key = Objects.requireNonNull(key);
        this.parser = Objects.requireNonNull(parser);
        this.defaultValue = defaultValue;
        this.defaultText = defaultText;
        this.display = display;
        this.sentryVariable = sentryVariable;
    }

    /**
     * An option whose values {@code parser} turns into {@code T}, throwing
     * {@link IllegalArgumentException} with the reason (not the key, not the value) when it cannot.
     *
     * @param defaultValue the value when no source sets the key ({@code null} for none)
     */
    public static <T> ConfigOption<T> of(String key, T defaultValue, Function<String, T> parser) {
        return new ConfigOption<>(key, parser, defaultValue, null, Display.PLAIN, null);
    }

    /** This option, never shown in logs or messages (a key, a salt). */
    ConfigOption<T> secret() {
        return new ConfigOption<>(key, parser, defaultValue, defaultText, Display.SECRET, sentryVariable);
    }

    /** This option, shown with the user part of its URL hidden (a DSN). */
    ConfigOption<T> urlWithKey() {
        return new ConfigOption<>(key, parser, defaultValue, defaultText, Display.URL_WITH_KEY, sentryVariable);
    }

    /** This option, also read from the environment variable {@code variable} (after {@code SESSIONHEALTH_<KEY>}). */
    ConfigOption<T> alsoFromEnvironment(String variable) {
        return new ConfigOption<>(key, parser, defaultValue, defaultText, display, variable);
    }

    /** This option, its default described by {@code text} in the effective configuration (a computed default). */
    ConfigOption<T> defaultShownAs(String text) {
        return new ConfigOption<>(key, parser, defaultValue, text, display, sentryVariable);
    }

    /** The short name: a filter init-param; {@code sessionhealth.<key>} elsewhere. */
    public String key() {
        return key;
    }

    /** {@code sessionhealth.<key>}: system property, context-param, MicroProfile Config. */
    public String prefixedName() {
        return ConfigSource.PREFIX + key;
    }

    /** {@code SESSIONHEALTH_<KEY>} in upper snake case ({@code sessionTimeout}: {@code SESSIONHEALTH_SESSION_TIMEOUT}). */
    public String environmentName() {
        return environmentName(key);
    }

    static String environmentName(String key) {
        return "SESSIONHEALTH_" + key.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }

    /** The Sentry SDK's environment variable read as well ({@code SENTRY_DSN}), or {@code null}. */
    public String sentryVariable() {
        return sentryVariable;
    }

    public T defaultValue() {
        return defaultValue;
    }

    /**
     * The value {@code raw} stands for.
     *
     * @throws IllegalArgumentException with the reason it is not valid
     */
    T parse(String raw) {
        return parser.apply(raw.trim());
    }

    boolean isSecret() {
        return display == Display.SECRET;
    }

    /** {@code raw} as it may appear in a log or message. */
    String show(String raw) {
        return switch (display) {
            case SECRET -> "(" + raw.length() + " characters, not shown)";
            case URL_WITH_KEY -> "'" + raw.replaceFirst("//[^@/]*@", "//****@") + "'";
            case PLAIN -> "'" + raw + "'";
        };
    }

    /** The default as it appears in the effective configuration. */
    String showDefault() {
        if (defaultText != null) {
            return defaultText;
        }
        return defaultValue == null ? "(none)" : Parsers.text(defaultValue);
    }

    @Override
    public String toString() {
        return key;
    }
}
