package dev.sessionhealth.internal.config;

import dev.sessionhealth.SessionOptions;
import dev.sessionhealth.internal.StateDirectory;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The effective configuration of one application: every known key with its value and where it
 * came from. Immutable; made by {@link ConfigReader}, which has validated every value.
 */
public final class Configuration {

    /** A key's value and where it came from ({@code null} where: the default). */
    record Entry(ConfigOption<?> option, Object value, String raw, String from) {
    }

    private final Map<String, Entry> entries;
    private final List<String> sources;
    private final List<String> warnings;

    Configuration(Map<String, Entry> entries, List<String> sources, List<String> warnings) {
        this.entries = Map.copyOf(entries);
        this.sources = List.copyOf(sources);
        this.warnings = List.copyOf(warnings);
    }

    /** The value of {@code option}: the configured one, else its default. */
    @SuppressWarnings("unchecked")
    public <T> T get(ConfigOption<T> option) {
        Entry e = entries.get(option.key());
        return e == null ? option.defaultValue() : (T) e.value();
    }

    /** Whether a source set {@code option}. */
    boolean isSet(ConfigOption<?> option) {
        return entries.containsKey(option.key());
    }

    /** Where {@code option}'s value came from ("filter init-param sessionTimeout"), or "default". */
    public String origin(ConfigOption<?> option) {
        Entry e = entries.get(option.key());
        return e == null ? "default" : e.from();
    }

    /** Passes the configured value of {@code option} to {@code setter}, if a source set it. */
    <T> void ifSet(ConfigOption<T> option, Consumer<? super T> setter) {
        if (isSet(option)) {
            setter.accept(get(option));
        }
    }

    /** The core options, validated. */
    public SessionOptions sessionOptions() {
        return CoreOptions.applyTo(this, SessionOptions.builder()).build();
    }

    /** The warnings of the reading (unknown keys with the closest known one); already logged. */
    public List<String> warnings() {
        return warnings;
    }

    /**
     * One line per key: its value (secrets masked, the DSN's key hidden) and where it came from; the
     * default state directory as it resolves.
     */
    public String describe(String application, Collection<ConfigOption<?>> options) {
        StringBuilder out = new StringBuilder("sessionhealth: configuration of ").append(application)
                .append(" (sources, highest precedence first: ").append(String.join(", ", sources)).append(')');
        for (ConfigOption<?> option : options) {
            out.append("\n  ").append(option.key()).append(" = ").append(shown(option));
        }
        return out.toString();
    }

    private String shown(ConfigOption<?> option) {
        Entry e = entries.get(option.key());
        if (e != null) {
            return option.show(e.raw()) + " from " + e.from();
        }
        if (option == CoreOptions.STATE_DIRECTORY || option.key().equals(CoreOptions.STATE_DIRECTORY.key())) {
            return "'" + StateDirectory.of(sessionOptions()) + "' (default)";
        }
        return option.showDefault() + " (default)";
    }
}
