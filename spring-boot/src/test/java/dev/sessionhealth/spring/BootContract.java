package dev.sessionhealth.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionhealth.testing.Browser;
import dev.sessionhealth.testing.FakeIngest;
import dev.sessionhealth.testing.IngestLedger;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.jetty.servlet.JettyServletWebServerFactory;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * The servlet module's contract on a Boot application with nothing but the starter and three
 * properties, on embedded Tomcat and on embedded Jetty: started with {@code SpringApplication} on a
 * random port, driven by real browsers (cookie jars), closed with Boot's graceful shutdown, and then
 * everything the local ingest accepted is checked, session by session.
 */
abstract class BootContract {

    static class TomcatServer {
        @Bean
        TomcatServletWebServerFactory tomcat() {
            return new TomcatServletWebServerFactory();
        }
    }

    static class JettyServer {
        @Bean
        JettyServletWebServerFactory jetty() {
            return new JettyServletWebServerFactory();
        }
    }

    @TempDir
    Path state;

    abstract Class<?> server();

    static ConfigurableApplicationContext start(FakeIngest ingest, Path state, Class<?> server, String... more) {
        List<String> properties = new ArrayList<>(List.of("server.port=0", "server.shutdown=graceful",
                "sessionhealth.dsn=" + ingest.dsn(), "sessionhealth.release=bootapp@1.0.0",
                "sessionhealth.send-default-pii=true", "sessionhealth.flush-interval=200ms",
                "sessionhealth.state-directory=" + state, "spring.main.banner-mode=off"));
        properties.addAll(List.of(more));
        return new SpringApplicationBuilder(BootApp.class, server).properties(properties.toArray(String[]::new)).run();
    }

    static int port(ConfigurableApplicationContext app) {
        return ((WebServerApplicationContext) app).getWebServer().getPort();
    }

    /** A visitor of the application on {@code port}, known by its user agent (the sessions carry it). */
    static Browser browser(int port, String userAgent) {
        return new Browser(URI.create("http://127.0.0.1:" + port + "/")).userAgent(userAgent);
    }

    @Test
    void everySessionIsCountedAsItHappened() throws Exception {
        try (FakeIngest ingest = FakeIngest.start()) {
            ConfigurableApplicationContext app = start(ingest, state, server());
            try {
                int port = port(app);
                for (int v = 0; v < 5; v++) {
                    Browser plain = browser(port, "plain-" + v);
                    for (int i = 0; i < 20; i++) {
                        assertEquals(200, plain.get("/hello").statusCode());
                    }
                }
                Browser crasher = browser(port, "crasher");
                assertEquals(200, crasher.get("/hello").statusCode());
                assertEquals(500, crasher.get("/boom").statusCode());
                assertEquals(200, crasher.get("/hello").statusCode());

                Browser handled = browser(port, "handled");
                assertEquals(200, handled.get("/hello").statusCode());
                assertEquals(500, handled.get("/broken").statusCode());
                assertEquals(200, handled.get("/hello").statusCode());

                Browser client = browser(port, "client-errors");
                assertEquals(404, client.get("/missing").statusCode());
                assertEquals(404, client.get("/status/404").statusCode());
                assertEquals(400, client.get("/status/400").statusCode());
                assertEquals(503, client.get("/status/503").statusCode());

                for (int i = 0; i < 10; i++) {
                    assertEquals(200, browser(port, "probe").get("/actuator/health").statusCode());
                }

                Browser alice = browser(port, "alice-browser");
                assertEquals(200, alice.get("/hello").statusCode());
                assertEquals(302, alice.get("/private/me").statusCode());
                assertEquals(302, alice.post("/login", "username=alice&password=secret").statusCode());
                assertEquals(200, alice.get("/private/me").statusCode());
                assertEquals(200, alice.get("/hello").statusCode());
                assertEquals(500, alice.get("/boom").statusCode());
                // still logged in: a new session of alice's, and no other
                assertEquals(200, alice.get("/private/me").statusCode());
                assertEquals(302, alice.post("/logout", "").statusCode());
                assertEquals(200, alice.get("/hello").statusCode());
            } finally {
                app.close(); // graceful shutdown: open sessions end exited and are delivered
            }

            IngestLedger ledger = IngestLedger.of(ingest);
            ledger.assertExact(true);
            Map<String, List<IngestLedger.Item>> byAgent = sessionsByUserAgent(ledger);
            for (int v = 0; v < 5; v++) {
                assertEquals(List.of("exited errors=0"), outcomes(ledger, byAgent.get("plain-" + v)), "20 requests, one session");
            }
            assertEquals(List.of("crashed errors=1", "exited errors=0"), outcomes(ledger, byAgent.get("crasher")));
            assertEquals(List.of("exited errors=1"), outcomes(ledger, byAgent.get("handled")));
            assertEquals(List.of("exited errors=1"), outcomes(ledger, byAgent.get("client-errors")),
                    "4xx count nothing, a ResponseStatusException(503) one handled error");
            assertTrue(!byAgent.containsKey("probe"), "/actuator/health creates no session");
            List<IngestLedger.Item> aliceSessions = byAgent.get("alice-browser");
            assertEquals(List.of("exited errors=0", "crashed errors=1", "exited errors=0", "exited errors=0"),
                    outcomes(ledger, aliceSessions), "anonymous, alice from her first authenticated request to the "
                            + "crash, alice again to her logout (no empty anonymous session between), then anonymous");
            assertEquals("alice", aliceSessions.get(1).did());
            assertEquals("alice", aliceSessions.get(2).did());
            assertTrue(!"alice".equals(aliceSessions.get(0).did()) && !"alice".equals(aliceSessions.get(3).did()));
            assertEquals(ledger.sids().size(), ledger.initItems(), "one init:true per session");
        }
    }

    /** The first item of each session, by the user agent it carries, in the order the sessions started. */
    static Map<String, List<IngestLedger.Item>> sessionsByUserAgent(IngestLedger ledger) {
        Map<String, List<IngestLedger.Item>> out = new LinkedHashMap<>();
        TreeMap<String, IngestLedger.Item> byStart = new TreeMap<>();
        for (String sid : ledger.sids()) {
            IngestLedger.Item first = ledger.items(sid).get(0);
            byStart.put(first.started() + " " + sid, first);
        }
        for (IngestLedger.Item first : byStart.values()) {
            Object agent = ((Map<?, ?>) first.attrs()).get("user_agent");
            out.computeIfAbsent(String.valueOf(agent), k -> new ArrayList<>()).add(first);
        }
        return out;
    }

    /** Each session's end as {@code status errors=n}, from the ledger. */
    static List<String> outcomes(IngestLedger ledger, List<IngestLedger.Item> firsts) {
        assertTrue(firsts != null, "no session for this visitor");
        List<String> out = new ArrayList<>();
        for (IngestLedger.Item first : firsts) {
            List<IngestLedger.Item> items = ledger.items(first.sid());
            IngestLedger.Item last = items.get(items.size() - 1);
            out.add(last.status() + " errors=" + last.errors());
        }
        return out;
    }
}
