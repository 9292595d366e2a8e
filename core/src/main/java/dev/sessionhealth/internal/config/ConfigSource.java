package dev.sessionhealth.internal.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One place a value can come from, with a name for messages ("filter init-param") and the way a key
 * is spelled there: {@code sessionhealth.<key>} (system property, context-param, MicroProfile
 * Config), the short {@code <key>} (filter init-param) or {@code SESSIONHEALTH_<KEY>} plus the Sentry
 * name (environment). Sources are plain lookups, so this reader needs nothing from Jakarta.
 */
public final class ConfigSource {

    /** The prefix of every key outside filter init-params and the environment. */
    public static final String PREFIX = "sessionhealth.";

    enum Spelling { PREFIXED, SHORT, ENVIRONMENT }

    /** A value found for a key: the raw text and the name it was found under. */
    record Found(String raw, String name) {
    }

    private final String description;
    private final Spelling spelling;
    private final Function<String, String> lookup;
    private final Supplier<? extends Collection<String>> names;
    private final boolean derived;

    private ConfigSource(String description, Spelling spelling, Function<String, String> lookup,
            Supplier<? extends Collection<String>> names) {
        this(description, spelling, lookup, names, false);
    }

    private ConfigSource(String description, Spelling spelling, Function<String, String> lookup,
            Supplier<? extends Collection<String>> names, boolean derived) {
        this.description = description;
        this.spelling = spelling;
        this.lookup = lookup;
        this.names = names;
        this.derived = derived;
    }

    static ConfigSource systemProperties(Properties properties) {
        return prefixed("system property", properties::getProperty, properties::stringPropertyNames);
    }

    static ConfigSource environment(Map<String, String> environment) {
        return new ConfigSource("environment variable", Spelling.ENVIRONMENT, environment::get, environment::keySet);
    }

    /**
     * A source that spells keys {@code sessionhealth.<key>}.
     *
     * @param names the names it holds (to warn about unknown {@code sessionhealth.*} keys)
     */
    public static ConfigSource prefixed(String description, Function<String, String> lookup,
            Supplier<? extends Collection<String>> names) {
        return new ConfigSource(description, Spelling.PREFIXED, lookup, names);
    }

    /** A source that spells keys as the short {@code <key>}, all of them ours (filter init-params). */
    static ConfigSource shortKeys(String description, Map<String, String> values) {
        Map<String, String> copy = Map.copyOf(values);
        return new ConfigSource(description, Spelling.SHORT, copy::get, copy::keySet);
    }

    /** A source that spells keys as the short {@code <key>} and cannot list its names (code, tests). */
    public static ConfigSource shortKeys(String description, Function<String, String> lookup) {
        return new ConfigSource(description, Spelling.SHORT, lookup, List::of);
    }

    /**
     * Defaults an integration derives from the application (its context path, its manifest), by
     * short key. Never checked for unknown keys.
     */
    static ConfigSource derived(String description, Map<String, String> values) {
        Map<String, String> copy = Map.copyOf(values);
        return new ConfigSource(description, Spelling.SHORT, copy::get, List::of, true);
    }

    /** "filter init-param", "environment variable", ... */
    String description() {
        return description;
    }

    /** Where a value was found: "filter init-param sessionTimeout", or "context path" for a derived one. */
    String where(Found found) {
        return derived ? description : description + " " + found.name();
    }

    /** The value this source holds for {@code option}, or {@code null} when it has none (blank is none). */
    Found find(ConfigOption<?> option) {
        List<String> candidates = new ArrayList<>(2);
        switch (spelling) {
            case PREFIXED -> candidates.add(option.prefixedName());
            case SHORT -> candidates.add(option.key());
            case ENVIRONMENT -> {
                candidates.add(option.environmentName());
                if (option.sentryVariable() != null) {
                    candidates.add(option.sentryVariable());
                }
            }
        }
        for (String name : candidates) {
            String value = lookup.apply(name);
            if (value != null && !value.isBlank()) {
                return new Found(value.trim(), name);
            }
        }
        return null;
    }

    /** The names in this source that look like ours, each with the key it would be (to check it is known). */
    Map<String, String> ourNames(Map<String, String> knownByEnvironmentName) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (String name : names.get()) {
            switch (spelling) {
                case PREFIXED -> {
                    if (name.startsWith(PREFIX) && name.length() > PREFIX.length()) {
                        out.put(name, name.substring(PREFIX.length()));
                    }
                }
                case SHORT -> out.put(name, name);
                case ENVIRONMENT -> {
                    if (name.startsWith("SESSIONHEALTH_")) {
                        out.put(name, knownByEnvironmentName.getOrDefault(name, name));
                    }
                }
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return description;
    }
}
