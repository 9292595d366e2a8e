package dev.sessionhealth.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionhealth.SessionOptions;
import dev.sessionhealth.internal.TrackingMode;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one reader: every source, the one precedence, every bad value at once, unknown keys, masking. */
class ConfigReaderTest {

    private static final String DSN = "https://publickey123@o1.ingest.example/42";
    private static final Collection<ConfigOption<?>> OPTIONS = new CoreOptions().options();

    private final Properties system = new Properties();
    private final Map<String, String> env = new HashMap<>();
    private final Map<String, String> mp = new HashMap<>();
    private final Map<String, String> init = new HashMap<>();
    private final Map<String, String> context = new HashMap<>();

    private List<ConfigSource> sources(String contextPath) {
        return ConfigSources.process().systemProperties(system).environment(env)
                .microProfileConfig(mp::get, mp::keySet)
                .filterInitParams(init)
                .contextParams(context::get, context::keySet)
                .derived("context path", "instance", contextPath)
                .list();
    }

    private Configuration read() {
        return ConfigReader.read(sources("/shop"), OPTIONS, true);
    }

    private InvalidConfigurationException readFails() {
        return assertThrows(InvalidConfigurationException.class, this::read);
    }

    @Test
    void eachSourceSpellsTheKeyItsOwnWay() {
        system.setProperty("sessionhealth.release", "shop@1");
        env.put("SESSIONHEALTH_SESSION_TIMEOUT", "10m");
        mp.put("sessionhealth.environment", "staging");
        init.put("mode", "request");
        context.put("sessionhealth.queueCapacity", "500");
        Configuration c = read();
        assertEquals("shop@1", c.get(CoreOptions.RELEASE));
        assertEquals(Duration.ofMinutes(10), c.get(CoreOptions.SESSION_TIMEOUT));
        assertEquals("staging", c.get(CoreOptions.ENVIRONMENT));
        assertEquals(TrackingMode.REQUEST, c.get(CoreOptions.MODE));
        assertEquals(500, c.get(CoreOptions.QUEUE_CAPACITY));
        assertEquals("system property sessionhealth.release", c.origin(CoreOptions.RELEASE));
        assertEquals("environment variable SESSIONHEALTH_SESSION_TIMEOUT", c.origin(CoreOptions.SESSION_TIMEOUT));
        assertEquals("MicroProfile Config sessionhealth.environment", c.origin(CoreOptions.ENVIRONMENT));
        assertEquals("filter init-param mode", c.origin(CoreOptions.MODE));
        assertEquals("context-param sessionhealth.queueCapacity", c.origin(CoreOptions.QUEUE_CAPACITY));
    }

    @Test
    void systemPropertyBeatsEnvironmentBeatsMicroProfileBeatsInitParamBeatsContextParamBeatsDerivedBeatsDefault() {
        ConfigOption<String> instance = CoreOptions.INSTANCE;
        assertEquals("default", ConfigReader.read(sources(null), OPTIONS, false).get(instance));
        assertEquals("/shop", read().get(instance));
        assertEquals("context path", read().origin(instance));
        context.put("sessionhealth.instance", "from-context");
        assertEquals("from-context", read().get(instance));
        init.put("instance", "from-init");
        assertEquals("from-init", read().get(instance));
        mp.put("sessionhealth.instance", "from-mp");
        assertEquals("from-mp", read().get(instance));
        env.put("SESSIONHEALTH_INSTANCE", "from-env");
        assertEquals("from-env", read().get(instance));
        system.setProperty("sessionhealth.instance", "from-property");
        assertEquals("from-property", read().get(instance));
    }

    @Test
    void sentryVariablesAreReadAfterOurOwn() {
        env.put("SENTRY_DSN", DSN);
        env.put("SENTRY_RELEASE", "shop@2");
        env.put("SENTRY_ENVIRONMENT", "qa");
        Configuration c = read();
        assertEquals(DSN, c.get(CoreOptions.DSN));
        assertEquals("qa", c.get(CoreOptions.ENVIRONMENT));
        assertEquals("environment variable SENTRY_RELEASE", c.origin(CoreOptions.RELEASE));
        env.put("SESSIONHEALTH_RELEASE", "shop@3");
        assertEquals("shop@3", read().get(CoreOptions.RELEASE));
    }

    @Test
    void blankValuesCountAsUnsetAndValuesAreTrimmed() {
        system.setProperty("sessionhealth.sessionTimeout", "  ");
        init.put("sessionTimeout", " 60s ");
        assertEquals(Duration.ofSeconds(60), read().get(CoreOptions.SESSION_TIMEOUT));
    }

    @Test
    void everyBadKeyIsReportedAtOnceWithValueAndSource() {
        init.put("sessionTimeout", "30 min");
        context.put("sessionhealth.mode", "cookies");
        system.setProperty("sessionhealth.queueCapacity", "lots");
        env.put("SESSIONHEALTH_COMPRESS", "maybe");
        mp.put("sessionhealth.release", "latest");
        InvalidConfigurationException e = readFails();
        assertEquals(5, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains(
                "sessionTimeout='30 min' from filter init-param sessionTimeout: must be a duration"), e.getMessage());
        assertTrue(e.getMessage().contains("mode='cookies' from context-param sessionhealth.mode: must be cookie, "
                + "httpSession or request"), e.getMessage());
        assertTrue(e.getMessage().contains("queueCapacity='lots' from system property sessionhealth.queueCapacity"),
                e.getMessage());
        assertTrue(e.getMessage().contains("compress='maybe' from environment variable SESSIONHEALTH_COMPRESS"),
                e.getMessage());
        assertTrue(e.getMessage().contains("release='latest' from MicroProfile Config sessionhealth.release"),
                e.getMessage());
    }

    @Test
    void aBadValueIsReportedEvenWhenALowerSourceHasAGoodOne() {
        init.put("sessionTimeout", "soon");
        context.put("sessionhealth.sessionTimeout", "10m");
        assertTrue(readFails().getMessage().contains("sessionTimeout='soon' from filter init-param"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "enabled|perhaps|must be true or false",
        "dsn|ftp://k@host/1|dsn must use http or https",
        "dsn|https://host/1|no public key",
        "release|a/b|",
        "release|latest|",
        "environment|none|",
        "sendDefaultPii|2|must be true or false",
        "sessionTimeout|0|must be positive",
        "sessionTimeout|30 min|must be a duration",
        "maxSessionDuration|5d|must be at most 4d",
        "queueCapacity|0|must be between 1 and 10000000",
        "queueCapacity|many|must be a whole number",
        "flushInterval|-5s|must be a duration",
        "shutdownTimeout|later|must be a duration",
        "requestTimeout|PT0S|must be positive",
        "reportUnhandled|sure|must be true or false",
        "compress|gzip|must be true or false",
        "persistence|disk|must be true or false",
        "journalInterval|0ms|must be positive",
        "mode|session|must be cookie, httpSession or request",
        "cookieName|a;b|must be a cookie token",
    })
    void everyInvalidValueNamesKeyValueAndSource(String key, String value, String reason) {
        context.put("sessionhealth." + key, value);
        InvalidConfigurationException e = readFails();
        assertEquals(1, e.problems().size(), e.getMessage());
        String problem = e.problems().get(0);
        assertTrue(problem.startsWith(key + "="), problem);
        assertTrue(problem.contains(" from context-param sessionhealth." + key + ": "), problem);
        assertTrue(reason == null || problem.contains(reason), problem);
        if (!key.equals("dsn")) {
            assertTrue(problem.contains("'" + value + "'"), problem);
        }
    }

    @Test
    void theDsnKeyNeverAppearsInMessagesOrTheEffectiveConfiguration() {
        init.put("dsn", "ftp://publickey123@o1.ingest.example/42");
        InvalidConfigurationException e = readFails();
        assertFalse(e.getMessage().contains("publickey123"), e.getMessage());
        assertTrue(e.getMessage().contains("ftp://****@o1.ingest.example/42"), e.getMessage());
        init.put("dsn", DSN);
        init.put("didSalt", "salt-of-the-cluster");
        String described = read().describe("/shop", OPTIONS);
        assertFalse(described.contains("publickey123"), described);
        assertFalse(described.contains("salt-of-the-cluster"), described);
        assertTrue(described.contains("dsn = 'https://****@o1.ingest.example/42' from filter init-param dsn"),
                described);
        assertTrue(described.contains("didSalt = (19 characters, not shown) from filter init-param didSalt"),
                described);
    }

    @Test
    void aSecretThatFailsIsNotShown() {
        init.put("cookieKey", "s3cret");
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> ConfigReader.read(sources("/"), List.of(CoreOptions.COOKIE_KEY), false));
        assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
        assertTrue(e.getMessage().contains("cookieKey=(6 characters, not shown) from filter init-param cookieKey: "
                + "must have at least 16 characters"), e.getMessage());
    }

    @Test
    void theEffectiveConfigurationListsEveryKeyWithItsOriginAndTheResolvedStateDirectory() {
        init.put("sessionTimeout", "60s");
        String described = read().describe("/shop", OPTIONS);
        for (ConfigOption<?> option : OPTIONS) {
            assertTrue(described.contains("\n  " + option.key() + " = "), option.key() + " in\n" + described);
        }
        assertTrue(described.contains("sessionTimeout = '60s' from filter init-param sessionTimeout"), described);
        assertTrue(described.contains("flushInterval = 5s (default)"), described);
        assertTrue(described.contains("maxSessionDuration = 24h (default)"), described);
        assertTrue(described.contains("instance = '/shop' from context path"), described);
        assertTrue(described.contains("_shop-"), "the default state directory is named after the instance:\n"
                + described);
        assertTrue(described.contains("highest precedence first: system property, environment variable, "
                + "MicroProfile Config, filter init-param, context-param, context path"), described);
    }

    @Test
    void unknownKeysAreWarnedAboutOnceEachWithTheClosestKnownKey() {
        system.setProperty("sessionhealth.sesionTimeout", "10m");
        mp.put("sessionhealth.sesionTimeout", "10m"); // MicroProfile Config also sees system properties
        context.put("sessionhealth.flushIntervall", "1s");
        context.put("unrelated.param", "x");
        init.put("cookiename", "sid");
        env.put("SESSIONHEALTH_QUEUE_CAPACITI", "5");
        env.put("PATH", "/bin");
        List<String> warnings = read().warnings();
        assertEquals(4, warnings.size(), warnings::toString);
        assertTrue(warnings.get(0).contains("unknown key 'sesionTimeout' (system property sessionhealth.sesionTimeout, "
                + "MicroProfile Config sessionhealth.sesionTimeout) is ignored; the closest known key is "
                + "'sessionTimeout'"), warnings::toString);
        assertTrue(warnings.stream().anyMatch(w -> w.contains("'SESSIONHEALTH_QUEUE_CAPACITI'")
                && w.endsWith("'SESSIONHEALTH_QUEUE_CAPACITY'")), warnings::toString);
        assertTrue(warnings.stream().anyMatch(w -> w.contains("'flushIntervall'") && w.endsWith("'flushInterval'")),
                warnings::toString);
        assertTrue(warnings.stream().anyMatch(w -> w.contains("'cookiename' (filter init-param cookiename)")
                && w.endsWith("'cookieName'")), warnings::toString);
    }

    @Test
    void anIntegrationsKeysAreKnownWhenItsCatalogIsPassed() {
        ConfigOption<Boolean> own = ConfigOption.of("autoRegister", true, Parsers::bool);
        context.put("sessionhealth.autoRegister", "false");
        List<ConfigOption<?>> all = new java.util.ArrayList<>(OPTIONS);
        assertEquals(1, ConfigReader.read(sources("/"), all, true).warnings().size());
        all.add(own);
        Configuration c = ConfigReader.read(sources("/"), all, true);
        assertTrue(c.warnings().isEmpty(), c.warnings()::toString);
        assertFalse(c.get(own));
    }

    @Test
    void defaultsAreThoseOfTheOptionsBuilder() {
        SessionOptions built = SessionOptions.builder().build();
        SessionOptions read = ConfigReader.read(sources(null), OPTIONS, false).sessionOptions();
        assertEquals(built.sessionTimeout(), CoreOptions.SESSION_TIMEOUT.defaultValue());
        assertEquals(built.maxSessionDuration(), CoreOptions.MAX_SESSION_DURATION.defaultValue());
        assertEquals(built.queueCapacity(), CoreOptions.QUEUE_CAPACITY.defaultValue());
        assertEquals(built.flushInterval(), CoreOptions.FLUSH_INTERVAL.defaultValue());
        assertEquals(built.shutdownTimeout(), CoreOptions.SHUTDOWN_TIMEOUT.defaultValue());
        assertEquals(built.requestTimeout(), CoreOptions.REQUEST_TIMEOUT.defaultValue());
        assertEquals(built.journalInterval(), CoreOptions.JOURNAL_INTERVAL.defaultValue());
        assertEquals(built.environment(), CoreOptions.ENVIRONMENT.defaultValue());
        assertEquals(built.instance(), CoreOptions.INSTANCE.defaultValue());
        assertEquals(built.compress(), CoreOptions.COMPRESS.defaultValue());
        assertEquals(built.persistence(), CoreOptions.PERSISTENCE.defaultValue());
        assertEquals(built.enabled(), CoreOptions.ENABLED.defaultValue());
        assertEquals(built.toString(), read.toString());
    }

    @Test
    void closestKeyIsByEditDistance() {
        assertEquals(1, ConfigReader.distance("sesionTimeout", "sessionTimeout"));
        assertEquals(3, ConfigReader.distance("kitten", "sitting"));
        assertEquals("journalInterval", ConfigReader.closest("journalIntervl", OPTIONS));
        assertEquals("SESSIONHEALTH_DSN", ConfigReader.closest("SESSIONHEALTH_DNS", OPTIONS));
    }
}
