package dev.sessionhealth.spring;

import dev.sessionhealth.internal.config.ConfigSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Spring's {@code Environment} as one of core's configuration sources, with Boot's relaxed binding:
 * {@code sessionhealth.session-timeout}, {@code sessionhealth.sessionTimeout} and YAML lists all
 * reach the key {@code sessionTimeout}. Values are read as text and parsed by core's reader, so a
 * key means the same here as in a WAR.
 */
final class SpringEnvironmentSource {

    static final String DESCRIPTION = "Spring Environment";

    private SpringEnvironmentSource() {
    }

    static ConfigSource of(ConfigurableEnvironment environment) {
        Binder binder = Binder.get(environment);
        return ConfigSource.prefixed(DESCRIPTION, name -> lookup(binder, name), () -> names(environment));
    }

    /** The text under {@code prefixedName} ({@code sessionhealth.sessionTimeout}); a list is joined with commas. */
    static String lookup(Binder binder, String prefixedName) {
        ConfigurationPropertyName name = ConfigurationPropertyName.of(kebab(prefixedName));
        String text = binder.bind(name, Bindable.of(String.class)).orElse(null);
        if (text != null) {
            return text;
        }
        List<String> list = binder.bind(name, Bindable.listOf(String.class)).orElse(null);
        return list == null ? null : String.join(",", list);
    }

    /**
     * The {@code sessionhealth.*} names the application's own property sources hold, spelled as
     * core's keys, to warn about unknown ones. The process's system properties and environment are
     * left to core's own sources, which know their spellings.
     */
    static Set<String> names(ConfigurableEnvironment environment) {
        Set<String> out = new LinkedHashSet<>();
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (!(source instanceof EnumerablePropertySource<?> e)
                    || StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME.equals(source.getName())
                    || StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME.equals(source.getName())) {
                continue;
            }
            for (String name : e.getPropertyNames()) {
                if (name.regionMatches(true, 0, ConfigSource.PREFIX, 0, ConfigSource.PREFIX.length())
                        && name.length() > ConfigSource.PREFIX.length()) {
                    out.add(ConfigSource.PREFIX + camel(name.substring(ConfigSource.PREFIX.length())));
                }
            }
        }
        return out;
    }

    /** {@code sessionhealth.sessionTimeout} as Boot's canonical {@code sessionhealth.session-timeout}. */
    static String kebab(String name) {
        StringBuilder b = new StringBuilder(name.length() + 4);
        for (char c : name.toCharArray()) {
            if (Character.isUpperCase(c)) {
                b.append('-').append(Character.toLowerCase(c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** {@code session-timeout}, {@code session_timeout} or {@code sessionTimeout[0]} as {@code sessionTimeout}. */
    static String camel(String key) {
        int bracket = key.indexOf('[');
        String k = bracket < 0 ? key : key.substring(0, bracket);
        List<String> parts = new ArrayList<>(List.of(k.split("[-_]")));
        StringBuilder b = new StringBuilder(parts.remove(0));
        for (String p : parts) {
            if (!p.isEmpty()) {
                b.append(Character.toUpperCase(p.charAt(0))).append(p.substring(1).toLowerCase(Locale.ROOT));
            }
        }
        return b.toString();
    }
}
