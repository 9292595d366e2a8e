package dev.sessionhealth.examples.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionhealth.SessionStats;
import dev.sessionhealth.examples.DemoConfig;
import dev.sessionhealth.examples.DemoServer;
import dev.sessionhealth.examples.receiver.HealthCounts;
import dev.sessionhealth.examples.receiver.HealthStats;
import dev.sessionhealth.examples.receiver.ReleaseHealth;
import dev.sessionhealth.examples.simulator.SimulationStatus;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole demo in a real headless Chromium: the simulator drives the shop, the shop's sessions go
 * to the embedded receiver, and the dashboard must show exactly what the receiver counted.
 */
@Timeout(300)
class DashboardBrowserTest {

    private static final int USERS = 120;
    private static final Path SCREENSHOT = Path.of("target", "dashboard.png");

    @TempDir
    Path profile;

    @Test
    void dashboardShowsTheNumbersTheReceiverCountedForSimulatedTraffic() throws Exception {
        Chromium chromium = Chromium.findOrInstall(profile);
        try (DemoServer demo = DemoServer.start(new DemoConfig("127.0.0.1", 0, false, USERS, Duration.ZERO),
                options -> options.stateDirectory(profile.resolve("sessionhealth-state").toString()))) {
            SimulationStatus run = demo.simulator().run();
            assertEquals(USERS, run.usersDone());
            assertEquals(0, run.failures());
            assertTrue(demo.sessions().flush(Duration.ofSeconds(30)), "the shop's sessions were all delivered");
            postEnvelopeWithInvalidRelease(demo.shopUri());

            HealthStats expected = demo.board().stats();
            SessionStats own = demo.sessions().stats();
            HealthCounts totals = expected.totals();
            assertTrue(totals.started() > USERS, "every user has a session and some log in: " + totals);
            assertTrue(totals.crashed() > 0 && totals.errored() > 0 && totals.users() > 0, totals::toString);

            String dom = chromium.dumpDom(demo.dashboardUri(), 8000);
            DomValues page = new DomValues(dom);
            assertEquals(totals, demo.board().stats().totals(), "nothing arrived while the page loaded");
            assertEquals(own, demo.sessions().stats(), "nothing was recorded while the page loaded");

            assertTrue(dom.contains("data-loaded=\"true\""), "the page rendered the receiver's stats");
            assertEquals(totals.started(), (long) page.number("sessions-started"));
            assertEquals(totals.live(), (long) page.number("sessions-live"));
            assertEquals(totals.exited(), (long) page.number("sessions-exited"));
            assertEquals(totals.errored(), (long) page.number("sessions-errored"));
            assertEquals(totals.crashed(), (long) page.number("sessions-crashed"));
            assertEquals(totals.abnormal(), (long) page.number("sessions-abnormal"));
            assertEquals(totals.users(), (long) page.number("users"));
            assertEquals(totals.activeUsers(), (long) page.number("active-users"));
            assertEquals(totals.crashFreeSessions(), page.number("crash-free-sessions"), 1e-9);
            assertEquals(totals.crashFreeUsers(), page.number("crash-free-users"), 1e-9);
            assertEquals(percent(totals.crashFreeSessions()), page.text("crash-free-sessions"));
            assertEquals(percent(totals.crashFreeUsers()), page.text("crash-free-users"));
            assertEquals(expected.accepted(), (long) page.number("accepted"));
            assertEquals(expected.rejected(), (long) page.number("rejected"));

            // the library's own counters, next to the receiver's view
            assertEquals(own.started(), (long) page.number("lib-started"));
            assertEquals(own.recorded(), (long) page.number("lib-recorded"));
            assertEquals(own.sent(), (long) page.number("lib-sent"));
            assertEquals(own.pending(), (long) page.number("lib-pending"));
            assertEquals(own.discardedTotal(), (long) page.number("lib-discarded"));
            assertEquals(own.unconfirmed(), (long) page.number("lib-unconfirmed"));
            assertEquals(own.storageFailures(), (long) page.number("lib-storage-failures"));
            assertEquals(totals.started(), own.started(), "the receiver counted every session the library started");
            assertTrue(page.one("external").attributes().contains("hidden"),
                    "no 'sent elsewhere' notice while the sessions go to the embedded receiver");

            List<DomValues.Element> rows = page.all("release-row");
            assertEquals(expected.releases().size(), rows.size());
            ReleaseHealth shop = expected.releases().get(0);
            assertEquals(shop.release(), rows.get(0).attribute("data-release"));
            assertEquals(String.valueOf(shop.health().started()), rows.get(0).attribute("data-started"));
            assertEquals(String.valueOf(shop.health().crashed()), rows.get(0).attribute("data-crashed"));

            assertTrue(page.all("feed-row").stream().anyMatch(r -> r.attribute("class").contains("rejected")),
                    "the rejected update is highlighted in the feed");
            assertTrue(dom.contains("release is a name the ingest rejects"), "the reason is shown");

            chromium.screenshot(demo.dashboardUri(), SCREENSHOT, 1440, 1500, 8000);
            assertTrue(Files.size(SCREENSHOT) > 20_000, "a screenshot with content was saved to " + SCREENSHOT);
        }
    }

    /**
     * With SENTRY_DSN set (here: another demo's receiver) the page says where the sessions went and
     * leads with the library's counters; the idle embedded receiver's zeros are not shown.
     */
    @Test
    void withSentryDsnTheDashboardShowsTheLibrarysCountersInsteadOfZeros() throws Exception {
        Chromium chromium = Chromium.findOrInstall(profile);
        int users = 20;
        try (DemoServer ingest = DemoServer.start(new DemoConfig("127.0.0.1", 0, false, 1, Duration.ZERO),
                options -> options.stateDirectory(profile.resolve("ingest-state").toString()));
                DemoServer demo = DemoServer.start(new DemoConfig("127.0.0.1", 0, false, users, Duration.ZERO),
                        options -> options.dsn("http://key@127.0.0.1:" + ingest.shopUri().getPort() + "/2")
                                .stateDirectory(profile.resolve("demo-state").toString()))) {
            assertEquals(users, demo.simulator().run().usersDone());
            assertTrue(demo.sessions().flush(Duration.ofSeconds(30)), "the shop's sessions were all delivered");
            SessionStats own = demo.sessions().stats();
            assertTrue(own.sent() >= users && own.sent() == own.recorded(), own::toString);

            String dom = chromium.dumpDom(demo.dashboardUri(), 8000);
            DomValues page = new DomValues(dom);
            assertEquals(own, demo.sessions().stats(), "nothing was recorded while the page loaded");

            assertTrue(dom.contains("data-loaded=\"true\""), "the page rendered");
            assertTrue(dom.matches("(?s).*<body[^>]*class=\"external\".*"), "the page knows the sessions go elsewhere");
            assertTrue(!page.one("external").attributes().contains("hidden"), "the notice is shown");
            assertTrue(dom.contains(demo.sessionsTarget()), "the notice names where the sessions go");
            assertEquals(own.started(), (long) page.number("lib-started"));
            assertEquals(own.recorded(), (long) page.number("lib-recorded"));
            assertEquals(own.sent(), (long) page.number("lib-sent"));
            assertEquals(0, (long) page.number("lib-pending"));
            assertEquals(0, (long) page.number("lib-discarded"));
            assertEquals(ingest.board().stats().totals().started(), own.started(), "the other receiver got them all");
            assertTrue(dom.contains("has received nothing"), "the idle embedded receiver is explained, not shown as zeros");

            chromium.screenshot(demo.dashboardUri(), SCREENSHOT.resolveSibling("dashboard-sentry-dsn.png"), 1440, 900, 8000);
        }
    }

    /** What an old, misconfigured client would send: Sentry drops it silently, the dashboard shows why. */
    private static void postEnvelopeWithInvalidRelease(URI base) throws Exception {
        Instant now = Instant.now();
        String payload = "{\"sid\":\"0123456789abcdef0123456789abcdef\",\"init\":true,\"started\":\"" + now
                + "\",\"status\":\"ok\",\"attrs\":{\"release\":\"latest\"}}";
        String envelope = "{\"sent_at\":\"" + now + "\"}\n{\"type\":\"session\",\"length\":"
                + payload.getBytes(StandardCharsets.UTF_8).length + "}\n" + payload + "\n";
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(base.resolve("/api/1/envelope/?sentry_key=old-client"))
                        .timeout(Duration.ofSeconds(10))
                        .POST(HttpRequest.BodyPublishers.ofString(envelope)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), "like Sentry, the receiver answers 200 and drops the item");
    }

    private static String percent(Double value) {
        return String.format(Locale.ROOT, "%.2f%%", value);
    }
}
