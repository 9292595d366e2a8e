package dev.sessionhealth.cdi.resteasy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sessionhealth.cdi.contract.AppServer;
import dev.sessionhealth.testing.EmbeddedContainer;
import dev.sessionhealth.testing.FakeIngest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * RESTEasy warns (RESTEASY002155) when a provider class is registered twice, which it was on every
 * WildFly deployment while the cdi jar also listed the feature in
 * {@code META-INF/services/jakarta.ws.rs.ext.Providers}. RESTEasy logs through JBoss Logging, here
 * sent to java.util.logging ({@code org.jboss.logging.provider=jdk}, set by the build).
 */
class FeatureRegisteredOnceTest {

    @Test
    void theFeatureListedByTheApplicationIsRegisteredWithoutADuplicateWarning() throws Exception {
        List<String> messages = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord r) {
                messages.add(r.getLoggerName() + " " + r.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(handler);
        try (FakeIngest ingest = FakeIngest.start();
                AppServer app = AppServer.start(EmbeddedContainer.jetty(), ResteasyTest.app(Map.of(
                        "sessionhealth.dsn", ingest.dsn(), "sessionhealth.release", "shop@1.0.0"), Map.of()))) {
            // started: RESTEasy has registered the application's providers
        } finally {
            root.removeHandler(handler);
        }
        assertEquals(List.of(), messages.stream().filter(m -> m.contains("RESTEASY002155")).toList());
    }
}
