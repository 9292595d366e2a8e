package dev.sessionhealth.cdi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionhealth.internal.config.CoreOptions;
import dev.sessionhealth.internal.config.WebApplicationConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** MicroProfile Config (SmallRye on the test class path, see microprofile-config.properties) is one of the sources. */
class SettingsSourceTest {

    @Test
    void microProfileConfigIsReadWhenPresent() {
        Settings s = SettingsSource.fromProcess();
        assertEquals("mp-test", s.options().environment());
        assertEquals("MicroProfile Config sessionhealth.environment", s.configuration().origin(CoreOptions.ENVIRONMENT));
    }

    @Test
    void aContextParamLosesToMicroProfileConfigAndAnUnknownMicroProfileKeyIsWarnedAbout() {
        WebApplicationConfig c = WebApplicationConfig.read("/shop",
                Map.of("sessionhealth.environment", "from-web-xml")::get, () -> List.of("sessionhealth.environment"),
                Map.of(), null, getClass().getClassLoader());
        assertEquals("mp-test", c.configuration().get(CoreOptions.ENVIRONMENT));
        assertEquals("/shop", c.configuration().get(CoreOptions.INSTANCE));
        assertTrue(c.configuration().warnings().stream().anyMatch(w -> w.contains(
                "MicroProfile Config sessionhealth.sesionTimeout") && w.endsWith("'sessionTimeout'")),
                c.configuration().warnings()::toString);
    }
}
