package dev.sessionhealth.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sessionhealth.SessionManager;
import dev.sessionhealth.internal.config.ConfigOption;
import dev.sessionhealth.internal.config.CoreOptions;
import dev.sessionhealth.internal.config.InvalidConfigurationException;
import dev.sessionhealth.internal.config.OptionCatalog;
import dev.sessionhealth.servlet.SessionHealthFilter;
import dev.sessionhealth.servlet.internal.FilterOptions;
import dev.sessionhealth.testing.FakeIngest;
import java.io.InputStream;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;

/**
 * {@code sessionhealth.*} in a Boot application: relaxed names, lists, validation that fails the
 * start-up with every bad key, unknown keys, the switch-offs, the derived release and instance, and
 * the IDE metadata. Runs the auto-configuration in a web application context without a server.
 */
@ExtendWith(OutputCaptureExtension.class)
class BootConfigurationTest {

    private static FakeIngest ingest;

    @BeforeAll
    static void ingest() {
        ingest = FakeIngest.start();
    }

    @AfterAll
    static void stop() {
        ingest.close();
    }

    private static WebApplicationContextRunner runner() {
        return new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(SessionHealthAutoConfiguration.class))
                .withPropertyValues("sessionhealth.dsn=" + ingest.dsn(), "sessionhealth.persistence=false");
    }

    @Test
    void relaxedNamesAndListsMeanWhatTheyMeanInAWar() {
        runner().withPropertyValues("sessionhealth.release=shop@2.1.0", "sessionhealth.sessionTimeout=45m",
                "sessionhealth.max-session-duration=2h", "sessionhealth.exclude-paths[0]=/internal/*",
                "sessionhealth.exclude-paths[1]=/status", "sessionhealth.mode=httpSession").run(context -> {
                    SessionHealthSettings settings = context.getBean(SessionHealthSettings.class);
                    assertEquals(Duration.ofMinutes(45), settings.configuration().get(CoreOptions.SESSION_TIMEOUT));
                    assertEquals(Duration.ofHours(2), settings.configuration().get(CoreOptions.MAX_SESSION_DURATION));
                    assertEquals(List.of("/internal/*", "/status"), settings.configuration().get(FilterOptions.EXCLUDE_PATHS));
                    assertEquals("httpSession", settings.configuration().get(CoreOptions.MODE).value());
                    assertEquals("Spring Environment sessionhealth.sessionTimeout",
                            settings.configuration().origin(CoreOptions.SESSION_TIMEOUT));
                    assertTrue(context.getBean(SessionManager.class).isEnabled());
                });
    }

    @Test
    void anInvalidValueFailsTheStartWithEveryBadKeyExplained() {
        runner().withPropertyValues("sessionhealth.release=shop@2.1.0", "sessionhealth.session-timeout=soon",
                "sessionhealth.cookie-key=tooShortKey1", "sessionhealth.queueCapacity=0").run(context -> {
                    Throwable failure = context.getStartupFailure();
                    assertNotNull(failure, "the context must not start");
                    InvalidConfigurationException cause = rootOf(failure);
                    assertEquals(3, cause.problems().size(), cause.getMessage());
                    FailureAnalysis analysis = new InvalidConfigurationFailureAnalyzer().analyze(failure);
                    assertNotNull(analysis);
                    assertTrue(analysis.getDescription().contains("sessionTimeout='soon' from Spring Environment"),
                            analysis.getDescription());
                    assertTrue(analysis.getDescription().contains("cookieKey"), analysis.getDescription());
                    assertFalse(analysis.getDescription().contains("tooShortKey1"), "a secret is never shown");
                    assertTrue(analysis.getAction().contains("sessionhealth.enabled=false"));
                });
    }

    @Test
    void bootReportsTheFailureWithOurAnalysis(CapturedOutput output) {
        try (FakeIngest ingest = FakeIngest.start()) {
            SpringApplicationBuilder app = new SpringApplicationBuilder(BootApp.class, BootContract.TomcatServer.class)
                    .properties("server.port=0", "spring.main.banner-mode=off", "sessionhealth.dsn=" + ingest.dsn(),
                            "sessionhealth.release=shop@2.1.0", "sessionhealth.flush-interval=never");
            assertThrows(RuntimeException.class, app::run);
        }
        assertTrue(output.toString().contains("APPLICATION FAILED TO START"), output.toString());
        assertTrue(output.toString().contains("sessionhealth could not start: one value is invalid:"), output.toString());
        assertTrue(output.toString().contains("flushInterval='never' from Spring Environment"), output.toString());
    }

    @Test
    void anUnknownKeyIsNamedWithTheClosestKnownOne() {
        runner().withPropertyValues("sessionhealth.release=shop@2.1.0", "sessionhealth.sesion-timeout=5m").run(context -> {
            List<String> warnings = context.getBean(SessionHealthSettings.class).configuration().warnings();
            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).contains("'sesionTimeout'") && warnings.get(0).contains("'sessionTimeout'"),
                    warnings.get(0));
        });
    }

    @Test
    void withoutADsnOrSwitchedOffNothingIsTrackedAndTheFilterIsNotRegistered() {
        new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(SessionHealthAutoConfiguration.class))
                .withPropertyValues("sessionhealth.release=shop@2.1.0").run(context -> {
                    assertFalse(context.getBean(SessionManager.class).isEnabled());
                    assertFalse(filter(context.getBean("sessionHealthFilter")).isEnabled());
                });
        runner().withPropertyValues("sessionhealth.release=shop@2.1.0", "sessionhealth.enabled=false").run(context -> {
            assertFalse(context.getBean(SessionManager.class).isEnabled());
            assertFalse(filter(context.getBean("sessionHealthFilter")).isEnabled());
        });
    }

    @Test
    void theReleaseComesFromBuildInfoUnlessConfigured() {
        Properties build = new Properties();
        build.setProperty("name", "bootapp");
        build.setProperty("artifact", "bootapp-artifact");
        build.setProperty("version", "1.0.0");
        runner().withBean(BuildProperties.class, () -> new BuildProperties(build)).run(context -> {
            SessionHealthSettings settings = context.getBean(SessionHealthSettings.class);
            assertEquals("bootapp@1.0.0", settings.release());
            assertEquals("build info or manifest", settings.configuration().origin(CoreOptions.RELEASE));
            assertTrue(context.getBean(SessionManager.class).isEnabled());
        });
        runner().withBean(BuildProperties.class, () -> new BuildProperties(build))
                .withPropertyValues("sessionhealth.release=configured@3").run(context ->
                        assertEquals("configured@3", context.getBean(SessionHealthSettings.class).release()));
    }

    @Test
    void theInstanceIsTheApplicationName() {
        runner().withPropertyValues("sessionhealth.release=shop@2.1.0", "spring.application.name=shop").run(context ->
                assertEquals("shop", context.getBean(SessionHealthSettings.class).configuration().get(CoreOptions.INSTANCE)));
        runner().withPropertyValues("sessionhealth.release=shop@2.1.0").run(context ->
                assertEquals("ROOT", context.getBean(SessionHealthSettings.class).configuration().get(CoreOptions.INSTANCE)));
    }

    @Test
    void theIdeMetadataDescribesEveryKey() throws Exception {
        JsonNode metadata;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("META-INF/spring-configuration-metadata.json")) {
            assertNotNull(in, "the build writes META-INF/spring-configuration-metadata.json");
            metadata = new ObjectMapper().readTree(in);
        }
        Set<String> described = new HashSet<>();
        for (JsonNode p : metadata.get("properties")) {
            assertFalse(p.get("description").asText().isBlank(), p.toString());
            described.add(p.get("name").asText());
        }
        Set<String> keys = new HashSet<>();
        for (ConfigOption<?> option : OptionCatalog.all(getClass().getClassLoader())) {
            keys.add(SpringEnvironmentSource.kebab(option.prefixedName()));
        }
        assertEquals(keys, described);
        assertTrue(described.contains("sessionhealth.session-timeout"));
    }

    private static FilterRegistrationBean<?> filter(Object bean) {
        FilterRegistrationBean<?> r = assertInstanceOf(FilterRegistrationBean.class, bean);
        assertInstanceOf(SessionHealthFilter.class, r.getFilter());
        return r;
    }

    private static InvalidConfigurationException rootOf(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof InvalidConfigurationException e) {
                return e;
            }
        }
        throw new AssertionError("no InvalidConfigurationException in " + t, t);
    }
}
