package dev.sessionhealth.internal.config;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads and validates every option at once. For each key the first source that has a non-blank
 * value wins (sources come highest precedence first, see {@link ConfigSources}); every value that
 * does not parse is reported, all in one {@link InvalidConfigurationException}, each with key,
 * value (never a secret's) and where it came from. Keys that look like ours but are not known to any
 * module get one warning each, naming the closest known key.
 */
public final class ConfigReader {

    private static final Logger LOG = System.getLogger("dev.sessionhealth.config");

    private ConfigReader() {
    }

    /**
     * @param sources highest precedence first
     * @param options every key to read
     * @param warnUnknown whether to look for, warn about and report unknown keys
     * @throws InvalidConfigurationException listing every bad value
     */
    public static Configuration read(List<ConfigSource> sources, Collection<ConfigOption<?>> options,
            boolean warnUnknown) {
        Map<String, Configuration.Entry> entries = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (ConfigOption<?> option : options) {
            for (ConfigSource source : sources) {
                ConfigSource.Found found = source.find(option);
                if (found == null) {
                    continue;
                }
                String from = source.where(found);
                try {
                    entries.put(option.key(), new Configuration.Entry(option, option.parse(found.raw()), found.raw(), from));
                } catch (IllegalArgumentException e) {
                    problems.add(option.key() + "=" + option.show(found.raw()) + " from " + from + ": " + e.getMessage());
                }
                break; // a lower source never stands in for a bad value of a higher one
            }
        }
        List<String> warnings = warnUnknown ? unknownKeys(sources, options) : List.of();
        for (String warning : warnings) {
            LOG.log(Level.WARNING, warning);
        }
        List<String> names = sources.stream().map(ConfigSource::description).distinct().toList();
        Configuration configuration = new Configuration(entries, names, warnings);
        if (problems.isEmpty()) {
            try {
                configuration.sessionOptions();
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage()); // a combination no single key shows
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
        return configuration;
    }

    private static List<String> unknownKeys(List<ConfigSource> sources, Collection<ConfigOption<?>> options) {
        Map<String, String> byEnvironmentName = new HashMap<>();
        Map<String, String> known = new HashMap<>();
        for (ConfigOption<?> option : options) {
            byEnvironmentName.put(option.environmentName(), option.key());
            known.put(option.key(), option.key());
        }
        Map<String, List<String>> unknown = new LinkedHashMap<>();
        for (ConfigSource source : sources) {
            for (Map.Entry<String, String> name : source.ourNames(byEnvironmentName).entrySet()) {
                if (!known.containsKey(name.getValue())) {
                    unknown.computeIfAbsent(name.getValue(), k -> new ArrayList<>())
                            .add(source.description() + " " + name.getKey());
                }
            }
        }
        List<String> warnings = new ArrayList<>();
        for (Map.Entry<String, List<String>> u : unknown.entrySet()) {
            String closest = closest(u.getKey(), options);
            warnings.add("sessionhealth: unknown key '" + u.getKey() + "' (" + String.join(", ", u.getValue())
                    + ") is ignored; the closest known key is '" + closest + "'");
        }
        return warnings;
    }

    /** The known key nearest to {@code name} by edit distance (an environment name compares with environment names). */
    static String closest(String name, Collection<ConfigOption<?>> options) {
        boolean environment = name.startsWith("SESSIONHEALTH_");
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (ConfigOption<?> option : options) {
            String candidate = environment ? option.environmentName() : option.key();
            int d = distance(name.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return best;
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
    }
}
