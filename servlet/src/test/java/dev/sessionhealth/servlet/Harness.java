package dev.sessionhealth.servlet;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionhealth.SessionManager;
import dev.sessionhealth.SessionOptions;
import dev.sessionhealth.internal.DefaultSessionManager;
import dev.sessionhealth.testing.Browser;
import dev.sessionhealth.testing.EmbeddedContainer;
import dev.sessionhealth.testing.FakeIngest;
import dev.sessionhealth.testing.MovableClock;
import dev.sessionhealth.testing.WebApp;
import jakarta.servlet.ServletContainerInitializer;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One test's world: a real local ingest, a movable clock, a manager sending to that ingest, and the
 * test application running in a real container.
 */
final class Harness implements AutoCloseable {

    static final String COOKIE = "sessionhealth";

    final FakeIngest ingest = FakeIngest.start();
    final MovableClock clock = new MovableClock();
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final EmbeddedContainer container;
    SessionManager manager;
    TestApp app;
    URI base;

    Harness(EmbeddedContainer container) {
        this.container = container;
    }

    /** Options sending to the fake ingest; tests change timeouts on them. */
    SessionOptions.Builder options() {
        return SessionOptions.builder().dsn(ingest.dsn()).release("shop@1.0.0");
    }

    /** Starts the app with the filter declared with these init-params and a manager built by the test. */
    Harness start(Map<String, String> filterParams) throws Exception {
        return start(options(), filterParams);
    }

    Harness start(SessionOptions.Builder options, Map<String, String> filterParams) throws Exception {
        manager = SessionManager.builder(options.build()).clock(clock).build();
        return startApp(new TestApp(manager, filterParams, Map.of()), List.of(), null);
    }

    /** Starts the app with any initializers after the test's own, and an optional document root. */
    Harness startApp(TestApp testApp, List<ServletContainerInitializer> more, Path docBase) throws Exception {
        this.app = testApp;
        base = container.start(WebApp.at("/shop").initializer(testApp).initializers(more).docBase(docBase));
        return this;
    }

    Browser visitor() {
        return new Browser(http, base);
    }

    DefaultSessionManager internals() {
        return (DefaultSessionManager) manager;
    }

    /** Sends everything due (runs the expiry sweep first) and fails if the ingest did not take it in time. */
    void flush() {
        assertTrue(manager.flush(Duration.ofSeconds(20)), "flush timed out");
    }

    /** Every update received for this sid, in order. */
    List<Map<String, Object>> updates(String sid) {
        return ingest.sessions().stream().filter(s -> sid.equals(s.get("sid"))).collect(Collectors.toList());
    }

    /** The statuses received for this sid, in order. */
    List<String> statuses(String sid) {
        return updates(sid).stream().map(s -> (String) s.get("status")).collect(Collectors.toList());
    }

    /** The terminal statuses received for this sid (at most one, or the session was ended twice). */
    List<String> endings(String sid) {
        return statuses(sid).stream().filter(s -> !"ok".equals(s)).collect(Collectors.toList());
    }

    /** The last update received for this sid, with {@code errors} as an Integer. */
    Map<String, Object> last(String sid) {
        List<Map<String, Object>> all = updates(sid);
        Map<String, Object> last = new java.util.HashMap<>(all.get(all.size() - 1));
        last.put("errors", ((Number) last.get("errors")).intValue());
        return last;
    }

    /** Sids that were sent with {@code init:true}, in order (a sid twice would be a defect). */
    List<String> started() {
        return ingest.sessions().stream().filter(s -> Boolean.TRUE.equals(s.get("init")))
                .map(s -> (String) s.get("sid")).collect(Collectors.toList());
    }

    /** Stops the container (filters destroyed) but leaves the ingest and manager, to read results. */
    void stopContainer() throws Exception {
        container.close();
    }

    @Override
    public void close() throws Exception {
        try {
            container.close();
        } finally {
            if (manager != null) {
                manager.close();
            }
            ingest.close();
        }
    }
}
