package dev.sessionhealth.internal.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * The keys one module defines. Core's and those of every integration on the class path (found
 * through {@code META-INF/services}) are read together, so whichever integration reads first
 * validates all of them, and a key is "unknown" only when no module knows it.
 */
public interface OptionCatalog {

    List<ConfigOption<?>> options();

    /** Core's options, then those of every catalog {@code loader} finds; the first definition of a key wins. */
    static Collection<ConfigOption<?>> all(ClassLoader loader) {
        Map<String, ConfigOption<?>> byKey = new LinkedHashMap<>();
        List<OptionCatalog> catalogs = new ArrayList<>();
        catalogs.add(new CoreOptions());
        try {
            ServiceLoader.load(OptionCatalog.class, loader).forEach(catalogs::add);
        } catch (ServiceConfigurationError e) {
            // a broken catalog must not hide core's keys; its keys read as unknown
        }
        for (OptionCatalog catalog : catalogs) {
            for (ConfigOption<?> option : catalog.options()) {
                byKey.putIfAbsent(option.key(), option);
            }
        }
        return List.copyOf(byKey.values());
    }
}
