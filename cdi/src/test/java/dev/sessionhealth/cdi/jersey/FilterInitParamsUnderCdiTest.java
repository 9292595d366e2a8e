package dev.sessionhealth.cdi.jersey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionhealth.cdi.SessionHealthFeature;
import dev.sessionhealth.cdi.SessionHealthServletInitializer;
import dev.sessionhealth.cdi.app.ShopApplication;
import dev.sessionhealth.cdi.contract.AppServer;
import dev.sessionhealth.servlet.SessionHealthFilter;
import dev.sessionhealth.servlet.SessionHealthInitializer;
import dev.sessionhealth.testing.Browser;
import dev.sessionhealth.testing.EmbeddedContainer;
import dev.sessionhealth.testing.FakeIngest;
import dev.sessionhealth.testing.Poll;
import jakarta.servlet.DispatcherType;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.servlet.ServletContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A WAR as the README writes it, on embedded Tomcat with Weld and both modules' initializers: the
 * filter declared (as in web.xml) with init-params. The CDI module creates the manager before the
 * filter starts; the init-params must still be the ones in force, and a bad one must fail the start.
 */
@Timeout(120)
class FilterInitParamsUnderCdiTest {

    private FakeIngest ingest;
    private AppServer server;

    @BeforeEach
    void startIngest() {
        ingest = FakeIngest.start();
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        ingest.close();
    }

    private AppServer start(Map<String, String> initParams) throws Exception {
        return AppServer.start(EmbeddedContainer.tomcat(), AppServer.app(
                Map.of("sessionhealth.dsn", ingest.dsn(), "sessionhealth.release", "from-context-param@1",
                        "sessionhealth.flushInterval", "200ms"),
                Map.of(),
                new ServletContainer(new ResourceConfig(ShopApplication.CLASSES).register(SessionHealthFeature.class)))
                .initializer(new SessionHealthServletInitializer())
                .initializer(new SessionHealthInitializer())
                // declared as in web.xml (dispatcher REQUEST, the default there), with init-params
                .filter("sessionhealth", SessionHealthFilter.class, initParams, EnumSet.of(DispatcherType.REQUEST), "/*"));
    }

    @Test
    void initParamsOfTheDeclaredFilterTakeEffectUnderCdi() throws Exception {
        server = start(Map.of("release", "from-init-param@2", "cookieName", "shopsid"));
        Browser client = new Browser(server.base());
        var reply = client.get("shop/session");
        assertEquals(200, reply.statusCode());
        assertTrue(reply.headers().allValues("set-cookie").stream().anyMatch(c -> c.startsWith("shopsid=")),
                "the filter's cookie carries the init-param's name: " + reply.headers().map());
        String sid = reply.body().split(" ")[0];
        Poll.atMost(Duration.ofSeconds(15)).until(() -> "session " + sid + " in " + ingest.sessions(),
                () -> ingest.sessions().stream().anyMatch(s -> sid.equals(s.get("sid"))));
        for (Map<String, Object> update : ingest.sessions()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> attrs = (Map<String, Object>) update.get("attrs");
            assertEquals("from-init-param@2", attrs.get("release"), update.toString());
        }
    }

    @Test
    void aBadInitParamFailsTheStartNamingKeyValueAndSource() {
        Exception e = assertThrows(Exception.class,
                () -> server = start(Map.of("sessionTimeout", "30 min", "mode", "cookies")));
        String messages = messages(e);
        assertTrue(messages.contains("sessionTimeout='30 min' from filter init-param sessionTimeout"), messages);
        assertTrue(messages.contains("mode='cookies' from filter init-param mode"), messages);
        assertTrue(ingest.envelopes().isEmpty(), "nothing was tracked");
    }

    private static String messages(Throwable e) {
        StringBuilder b = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            b.append(t).append('\n');
        }
        return b.toString();
    }
}
