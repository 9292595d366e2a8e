package dev.sessionhealth.servlet.internal;

import dev.sessionhealth.internal.config.ConfigReader;
import dev.sessionhealth.internal.config.ConfigSources;
import dev.sessionhealth.internal.config.Configuration;
import dev.sessionhealth.internal.config.OptionCatalog;
import java.util.Map;
import java.util.Properties;

/** A configuration read by the real reader from filter init-params only (no process sources). */
final class TestConfig {

    private TestConfig() {
    }

    static Configuration initParams(Map<String, String> params) {
        return ConfigReader.read(ConfigSources.process().systemProperties(new Properties()).environment(Map.of())
                .filterInitParams(params).list(), OptionCatalog.all(TestConfig.class.getClassLoader()), false);
    }
}
