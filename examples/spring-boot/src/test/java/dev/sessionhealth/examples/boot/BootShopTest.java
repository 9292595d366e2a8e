package dev.sessionhealth.examples.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sessionhealth.SessionManager;
import dev.sessionhealth.SessionStats;
import dev.sessionhealth.examples.dashboard.DemoInfo;
import dev.sessionhealth.examples.receiver.HealthCounts;
import dev.sessionhealth.examples.receiver.HealthStats;
import dev.sessionhealth.examples.receiver.ReleaseHealthBoard;
import dev.sessionhealth.examples.simulator.SimulationStatus;
import dev.sessionhealth.examples.simulator.TrafficSimulator;
import dev.sessionhealth.testing.Browser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The Spring Boot shop as {@code ./demo --spring-boot} runs it (its own application.properties, the
 * starter, Spring MVC, Spring Security), on a free port, with the sessions going to its embedded
 * receiver: what the receiver counts must be what the visitors caused, and closing the application
 * (Ctrl+C) must end and deliver every open session.
 */
@Timeout(180)
class BootShopTest {

    private static final int USERS = 60; // enough for some crashes (each visit is seeded: the same every run)
    private final ObjectMapper json = new ObjectMapper();
    private ConfigurableApplicationContext app;

    @TempDir
    Path state;

    private void start() {
        app = BootShopApplication.application().run("--server.port=0", "--demo.users=" + USERS, "--demo.think=0ms",
                "--sessionhealth.state-directory=" + state);
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void simulatedVisitorsAreCountedByTheEmbeddedReceiverAndClosingEndsEveryOpenSession() throws Exception {
        start();
        SessionManager sessions = app.getBean(SessionManager.class);
        ReleaseHealthBoard board = app.getBean(ReleaseHealthBoard.class);
        assertTrue(app.getBean(DemoInfo.class).embeddedReceiver(), "without a DSN the sessions go to this application");

        SimulationStatus run = app.getBean(TrafficSimulator.class).run();
        assertEquals(USERS, run.usersDone());
        assertEquals(0, run.failures());
        assertTrue(Set.of(200, 204, 500, 503).containsAll(run.byStatus().keySet()), run.byStatus()::toString);
        assertTrue(sessions.flush(Duration.ofSeconds(30)), () -> "not delivered: " + sessions.stats());

        HealthStats stats = board.stats();
        HealthCounts totals = stats.totals();
        SessionStats own = sessions.stats();
        assertEquals(0, stats.rejected(), () -> stats.rejectedByReason().toString());
        assertTrue(totals.started() > USERS, "every user has a session and some log in: " + totals);
        assertEquals(own.started(), totals.started(), "the receiver counted every session the library started");
        assertEquals(own.recorded(), own.sent(), own::toString);
        assertEquals(run.byStatus().getOrDefault(500, 0L), totals.crashed(), "each unhandled exception crashed one session");
        assertTrue(totals.crashed() > 0 && totals.errored() > 0 && totals.users() > 0, totals::toString);
        assertTrue(totals.errored() <= run.byStatus().getOrDefault(503, 0L), "only handled errors make errored sessions");
        JsonNode page = json.readTree(get(app, "/dashboard/api/stats").body());
        assertEquals(totals.started(), page.at("/totals/started").asLong(), "the dashboard shows the board");
        assertEquals(own.started(), json.readTree(get(app, "/dashboard/api/library").body()).get("started").asLong());

        app.close(); // what Ctrl+C does
        HealthCounts closed = board.stats().totals();
        assertEquals(totals.started(), closed.started(), "closing starts nothing");
        assertEquals(0, closed.live(), closed::toString);
        assertEquals(closed.started(), closed.exited() + closed.errored() + closed.crashed(), closed::toString);
        assertEquals(totals.crashed(), closed.crashed());
        assertEquals(0, board.stats().rejected(), () -> board.stats().rejectedByReason().toString());
        SessionStats last = sessions.stats();
        assertEquals(last.recorded(), last.sent(), () -> "every end reached the receiver: " + last);
    }

    @Test
    void oneVisitorsHandledErrorLoginCrashAndLogoutEndUpInTheRightBuckets() throws Exception {
        start();
        URI shop = URI.create(app.getBean(DemoInfo.class).shopUrl());
        Browser visitor = new Browser(shop).timeout(Duration.ofSeconds(10));
        assertEquals(200, send(visitor, "GET", "/"));
        assertEquals(503, send(visitor, "GET", "/rest/books/4/reviews"));       // handled: this session is errored
        assertEquals(200, send(visitor, "POST", "/rest/session/login?user=ann")); // Spring Security knows ann
        JsonNode current = json.readTree(visitor.get("/rest/session").body());
        assertEquals("ann", current.get("user").asText(), "the next request runs in ann's new session");
        assertEquals(500, send(visitor, "POST", "/rest/orders?book=6"));         // unhandled: ann's session crashed
        assertEquals(200, send(visitor, "GET", "/rest/books"));                  // ann's next session, see below
        assertEquals(404, send(visitor, "GET", "/rest/books/99"));               // a 4xx is not an error
        assertEquals(204, send(visitor, "POST", "/rest/session/logout"));        // Spring Security's logout ends it
        assertEquals(200, send(visitor, "GET", "/actuator/health"));             // excluded: no session

        SessionManager sessions = app.getBean(SessionManager.class);
        assertTrue(sessions.flush(Duration.ofSeconds(30)), () -> "not delivered: " + sessions.stats());
        ReleaseHealthBoard board = app.getBean(ReleaseHealthBoard.class);
        HealthCounts counts = board.stats().totals();
        // The request after the crash opens a session before Spring Security's chain has loaded ann; the
        // starter's user filter replaces it with ann's before the request is over, so the anonymous one is
        // never sent: three sessions, as in the Jetty demo.
        assertEquals(3, counts.started(), counts::toString);
        assertEquals(1, counts.errored(), counts::toString);
        assertEquals(1, counts.crashed(), counts::toString);
        assertEquals(1, counts.exited(), counts::toString);
        assertEquals(1, counts.users(), "anonymous sessions carry no user: " + counts);
        assertEquals(0, counts.live(), counts::toString);
        assertEquals(0, board.stats().rejected(), () -> board.stats().rejectedByReason().toString());
        assertTrue(board.stats().releases().get(0).release().startsWith("bookshop-boot@"),
                "the release comes from Boot's build info: " + board.stats().releases());
    }

    private static int send(Browser visitor, String method, String path) {
        return visitor.send(method, path).statusCode();
    }

    private static HttpResponse<String> get(ConfigurableApplicationContext app, String path) throws Exception {
        URI uri = URI.create(app.getBean(DemoInfo.class).shopUrl()).resolve(path);
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
