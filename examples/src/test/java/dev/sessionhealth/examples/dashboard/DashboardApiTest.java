package dev.sessionhealth.examples.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sessionhealth.examples.DemoConfig;
import dev.sessionhealth.examples.DemoServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The dashboard's HTTP side: the simulate button, the stats JSON, the static files. */
@Timeout(120)
class DashboardApiTest {

    private static final int USERS = 15;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private DemoServer demo;

    @BeforeEach
    void start() throws Exception {
        demo = DemoServer.start(new DemoConfig("127.0.0.1", 0, false, USERS, Duration.ZERO));
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
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode status = json.readTree(get("api/simulation").body());
        while (status.get("running").asBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(100);
            status = json.readTree(get("api/simulation").body());
        }
        return status;
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).build(),
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
