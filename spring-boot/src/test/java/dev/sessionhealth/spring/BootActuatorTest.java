package dev.sessionhealth.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sessionhealth.SessionManager;
import dev.sessionhealth.testing.Browser;
import dev.sessionhealth.testing.FakeIngest;
import dev.sessionhealth.testing.Poll;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Micrometer and Actuator in a {@code @SpringBootTest} on a random port: the meters read back from
 * Boot's {@link MeterRegistry} after real traffic, tagged with release and environment only, and the
 * {@code sessionhealth} health and info contributors over HTTP.
 */
@SpringBootTest(classes = {BootApp.class, BootContract.TomcatServer.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"sessionhealth.release=bootapp@1.0.0", "sessionhealth.environment=staging",
            "sessionhealth.flush-interval=200ms", "sessionhealth.persistence=false",
            "management.endpoints.web.exposure.include=health,info",
            "management.endpoint.health.show-details=always", "management.info.defaults.enabled=true"})
class BootActuatorTest {

    private static final FakeIngest INGEST = FakeIngest.start();

    @DynamicPropertySource
    static void ingest(DynamicPropertyRegistry registry) {
        registry.add("sessionhealth.dsn", INGEST::dsn);
    }

    @AfterAll
    static void stop() {
        INGEST.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    @Autowired
    SessionManager manager;

    @Test
    void metersCountWhatHappenedWithReleaseAndEnvironmentTagsOnly() throws Exception {
        double startedBefore = counter("sessionhealth.sessions.started");
        double crashedBefore = meters.get("sessionhealth.sessions.ended").tag("status", "crashed").functionCounter().count();
        double errorsBefore = counter("sessionhealth.errors");
        Browser one = BootContract.browser(port, "metrics-one");
        assertEquals(200, one.get("/hello").statusCode());
        assertEquals(500, one.get("/broken").statusCode());
        assertEquals(500, one.get("/boom").statusCode());
        assertEquals(200, BootContract.browser(port, "metrics-two").get("/hello").statusCode());
        assertTrue(manager.flush(Duration.ofSeconds(10)));
        // the meters read a snapshot of the stats refreshed at most once a second: wait until one shows
        // all of it (never less than expected: exact values are asserted below)
        Poll.atMost(Duration.ofSeconds(30)).every(Duration.ofMillis(50)).until(() -> "two sessions started after "
                + startedBefore + " and two errors after " + errorsBefore + ", got "
                + counter("sessionhealth.sessions.started") + " and " + counter("sessionhealth.errors") + "; crashed "
                + meters.get("sessionhealth.sessions.ended").tag("status", "crashed").functionCounter().count()
                + "; the ingest received " + INGEST.sessions(),
                () -> counter("sessionhealth.sessions.started") >= startedBefore + 2
                        && counter("sessionhealth.errors") >= errorsBefore + 2);
        assertEquals(startedBefore + 2, counter("sessionhealth.sessions.started"));
        assertEquals(crashedBefore + 1,
                meters.get("sessionhealth.sessions.ended").tag("status", "crashed").functionCounter().count());
        assertEquals(errorsBefore + 2, counter("sessionhealth.errors"), "one handled, one crash: " + INGEST.sessions());
        assertTrue(meters.get("sessionhealth.sessions.open").gauge().value() >= 1);
        for (Meter m : meters.getMeters()) {
            if (m.getId().getName().startsWith("sessionhealth.")) {
                assertEquals("bootapp@1.0.0", m.getId().getTag("release"), m.getId().toString());
                assertEquals("staging", m.getId().getTag("environment"), m.getId().toString());
                for (var tag : m.getId().getTags()) {
                    assertTrue(Set.of("release", "environment", "status", "reason").contains(tag.getKey()),
                            m.getId().toString());
                }
            }
        }
    }

    @Test
    void healthAndInfoDescribeTheDelivery() throws Exception {
        JsonNode health = getJson("/actuator/health");
        JsonNode ours = health.path("components").path("sessionhealth");
        assertEquals("UP", ours.path("status").asText(), health.toString());
        assertEquals("delivering", ours.path("details").path("delivery").asText(), health.toString());
        assertTrue(ours.path("details").has("stored"), health.toString());
        JsonNode info = getJson("/actuator/info").path("sessionhealth");
        assertTrue(info.path("enabled").asBoolean(), info.toString());
        assertEquals("bootapp@1.0.0", info.path("release").asText());
        assertEquals("cookie", info.path("mode").asText());
    }

    private double counter(String name) {
        return meters.get(name).functionCounter().count();
    }

    private JsonNode getJson(String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return new ObjectMapper().readTree(r.body());
    }
}
