package dev.sessionhealth.examples.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sessionhealth.examples.DemoConfig;
import dev.sessionhealth.SessionStats;
import dev.sessionhealth.examples.DemoServer;
import dev.sessionhealth.examples.receiver.HealthCounts;
import dev.sessionhealth.testing.Poll;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard's HTTP side: the simulate button, the stats JSON, the static files. */
@Timeout(120)
class DashboardApiTest {

    private static final int USERS = 15;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private DemoServer demo;

    @TempDir
    Path state;

    @BeforeEach
    void start() throws Exception {
        demo = DemoServer.start(new DemoConfig("127.0.0.1", 0, false, USERS, Duration.ZERO),
                options -> options.stateDirectory(state.resolve("receiving").toString()));
    }

    @AfterEach
    void stop() {
        demo.close();
    }

    @Test
    void theSimulateButtonStartsOneRunAtATimeAndItsSessionsShowInTheStats() throws Exception {
        HttpResponse<String> first = post("api/simulate");
        HttpResponse<String> second = post("api/simulate");

        assertEquals(202, first.statusCode());
        assertEquals(409, second.statusCode(), "a second click while running starts nothing");
        JsonNode status = awaitSimulationDone(Duration.ofSeconds(60));
        assertEquals(USERS, status.get("usersDone").asInt());
        assertEquals(0, status.get("failures").asInt());

        assertTrue(demo.sessions().flush(Duration.ofSeconds(30)));
        JsonNode stats = json.readTree(get("api/stats").body());
        assertEquals(demo.board().stats().totals().started(), stats.at("/totals/started").asLong());
        assertTrue(stats.at("/totals/started").asLong() >= USERS, stats::toString);
        assertEquals(30, stats.get("minutes").size());

        SessionStats own = demo.sessions().stats();
        JsonNode library = json.readTree(get("api/library").body());
        assertEquals(own.started(), library.get("started").asLong());
        assertEquals(own.recorded(), library.get("recorded").asLong());
        assertEquals(own.sent(), library.get("sent").asLong());
        assertEquals(0, library.get("pending").asLong(), library::toString);
        assertEquals(0, library.get("discardedTotal").asLong(), library::toString);
        assertTrue(library.get("sent").asLong() >= USERS, library::toString);
        assertEquals(library.get("recorded").asLong(), library.get("accountedFor").asLong(), library::toString);
        assertEquals(stats.at("/totals/started").asLong(), library.get("started").asLong(),
                "the receiver counted every session this demo's library started, and no other");
    }

    /**
     * With SENTRY_DSN set the sessions go elsewhere (here: a second demo's embedded receiver, as in
     * examples/README.md); the dashboard says so and shows the library's counters, which must add up
     * to what that ingest counted, while its own receiver saw nothing.
     */
    @Test
    void withADsnTheDashboardShowsWhereTheSessionsWentByTheLibrarysCounters() throws Exception {
        String dsn = "http://key@127.0.0.1:" + demo.shopUri().getPort() + "/2";
        try (DemoServer sender = DemoServer.start(new DemoConfig("127.0.0.1", 0, false, USERS, Duration.ZERO),
                options -> options.dsn(dsn).release("bookshop@1.5.0")
                        .stateDirectory(state.resolve("sending").toString()))) {
            JsonNode info = json.readTree(get(sender, "api/info").body());
            assertEquals(false, info.get("embeddedReceiver").asBoolean());
            assertEquals(demo.shopUri().resolve("/api/2/envelope/").toString(),
                    info.get("sessionsTarget").asText());
            assertEquals(true, json.readTree(get("api/info").body()).get("embeddedReceiver").asBoolean());

            assertEquals(USERS, sender.simulator().run().usersDone());
            assertTrue(sender.sessions().flush(Duration.ofSeconds(30)), () -> sender.sessions().stats().toString());

            JsonNode library = json.readTree(get(sender, "api/library").body());
            HealthCounts there = demo.board().stats().totals();
            assertTrue(library.get("started").asLong() >= USERS, library::toString);
            assertEquals(there.started(), library.get("started").asLong(), "each start reached the other receiver");
            assertEquals(sender.sessions().stats().sent(), library.get("sent").asLong());
            assertEquals(library.get("recorded").asLong(), library.get("sent").asLong(), library::toString);
            assertEquals(0, json.readTree(get(sender, "api/stats").body()).at("/totals/started").asLong(),
                    "nothing was sent to the sender's own receiver");
        }
    }

    @Test
    void servesThePageItsScriptAndNothingElse() throws Exception {
        HttpResponse<String> page = get("");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("data-testid=\"crash-free-sessions\""));
        assertEquals("text/javascript;charset=utf-8", get("dashboard.js").headers().firstValue("Content-Type").orElse("")
                .replace(" ", "").toLowerCase(java.util.Locale.ROOT));
        assertEquals(404, get("nothing-here").statusCode());
        JsonNode info = json.readTree(get("api/info").body());
        assertEquals(demo.sessionsTarget(), info.get("sessionsTarget").asText());
    }

    private JsonNode awaitSimulationDone(Duration timeout) throws Exception {
        return Poll.atMost(timeout).every(Duration.ofMillis(100)).until("the simulation is over",
                () -> json.readTree(get("api/simulation").body()), status -> !status.get("running").asBoolean());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return get(demo, path);
    }

    private HttpResponse<String> get(DemoServer server, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(server.dashboardUri().resolve(path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return demo.dashboardUri().resolve(path);
    }
}
