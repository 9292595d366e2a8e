package dev.sessionhealth.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionhealth.SessionManager;
import dev.sessionhealth.testing.Browser;
import dev.sessionhealth.testing.Poll;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Registration, configuration and the manager's lifecycle, the same on every container. */
abstract class LifecycleContract extends ContractBase {

    @TempDir
    Path docBase;

    private SessionManager testManager() {
        h.manager = SessionManager.builder(h.options().build()).clock(h.clock).build();
        return h.manager;
    }

    @Test
    void initializerRegistersTheFilterWhenTheApplicationDidNot() throws Exception {
        h.startApp(new TestApp(testManager(), null, Map.of()), List.of(new SessionHealthInitializer()), null);
        Browser v = h.visitor();
        assertEquals("1", v.getOk("app/filters"));
        String sid = v.getOk("app/sid");
        assertNotEquals("none", sid);
        assertEquals(sid, v.getOk("app/sid"));
        h.flush();
        assertEquals(List.of(sid), h.started());
    }

    @Test
    void initializerStepsBackWhenTheApplicationDeclaredTheFilter() throws Exception {
        h.startApp(new TestApp(testManager(), Map.of(), Map.of()), List.of(new SessionHealthInitializer()), null);
        Browser v = h.visitor();
        assertEquals("1", v.getOk("app/filters"));
        String sid = v.getOk("app/sid");
        assertEquals(sid, v.getOk("app/sid"));
        h.flush();
        assertEquals(List.of(sid), h.started());
    }

    @Test
    void initializerDoesNothingWhenTheApplicationOptsOut() throws Exception {
        h.startApp(new TestApp(testManager(), null, Map.of("sessionhealth.autoRegister", "false")),
                List.of(new SessionHealthInitializer()), null);
        Browser v = h.visitor();
        assertEquals("0", v.getOk("app/filters"));
        assertEquals("none", v.getOk("app/sid"));
        h.flush();
        assertEquals(0, h.manager.stats().started());
    }

    @Test
    void invalidInitParamOfTheDeclaredFilterFailsTheDeploymentInTheInitializer() throws Exception {
        TestApp app = new TestApp(testManager(), Map.of("mode", "sometimes"), Map.of());
        assertThrows(Exception.class, () -> h.startApp(app, List.of(new SessionHealthInitializer()), null));
    }

    @Test
    void invalidContextParamFailsTheDeploymentInTheInitializer() throws Exception {
        TestApp app = new TestApp(testManager(), null, Map.of("sessionhealth.sessionTimeout", "30 min"));
        assertThrows(Exception.class, () -> h.startApp(app, List.of(new SessionHealthInitializer()), null));
    }

    @Test
    void withoutTheInitializerAFilterWithABadInitParamPassesRequestsThroughUntracked() throws Exception {
        h.startApp(new TestApp(testManager(), Map.of("sessionTimeout", "30 min"), Map.of()), List.of(), null);
        Browser v = h.visitor();
        assertEquals("none", v.getOk("app/sid"), "answered by the application, not tracked");
        h.flush();
        assertEquals(0, h.manager.stats().started());
    }

    @Test
    void filterCreatesItsManagerWithTheWarManifestReleaseAndClosesItOnStop() throws Exception {
        Files.createDirectories(docBase.resolve("META-INF"));
        Files.writeString(docBase.resolve("META-INF/MANIFEST.MF"),
                "Manifest-Version: 1.0\nImplementation-Title: shop-web\nImplementation-Version: 3.1.4\n\n");
        Map<String, String> params = Map.of("dsn", h.ingest.dsn(), "flushInterval", "100ms");
        h.startApp(new TestApp(null, params, Map.of()), List.of(), docBase);
        Browser v = h.visitor();
        assertEquals("true", v.getOk("app/manager"), "an enabled manager in the context attribute");
        String sid = v.getOk("app/sid");
        Poll.atMost(Duration.ofSeconds(20)).until("a session update", () -> !h.ingest.sessions().isEmpty());
        assertEquals("shop-web@3.1.4", ((Map<?, ?>) h.ingest.sessions().get(0).get("attrs")).get("release"));

        h.stopContainer(); // destroy closes the manager the filter created: open sessions end exited
        Poll.atMost(Duration.ofSeconds(20)).until(() -> sid + " ended exited, got " + h.endings(sid),
                () -> h.endings(sid).equals(List.of("exited")));
    }

    @Test
    void filterLeavesAManagerItDidNotCreateOpen() throws Exception {
        h.start(Map.of());
        String sid = h.visitor().getOk("app/sid");
        h.stopContainer();
        h.flush();
        assertEquals(List.of(), h.endings(sid), "the application's manager is the application's to close");
        h.manager.close();
        assertEquals(List.of("exited"), h.endings(sid));
    }
}
