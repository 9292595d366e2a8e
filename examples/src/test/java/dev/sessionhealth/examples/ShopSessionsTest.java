package dev.sessionhealth.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionhealth.examples.receiver.HealthCounts;
import dev.sessionhealth.testing.Browser;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** One visitor with a real cookie jar through the shop; the embedded receiver must count what Sentry would. */
@Timeout(120)
class ShopSessionsTest {

    private DemoServer demo;
    private Browser visitor;

    @BeforeEach
    void start() throws Exception {
        demo = DemoServer.start(new DemoConfig("127.0.0.1", 0, false, 1, Duration.ZERO));
        visitor = new Browser(demo.shopUri()).timeout(Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() {
        demo.close();
    }

    @Test
    void handledErrorsCrashesLoginAndLogoutEndUpInTheRightBuckets() throws Exception {
        assertEquals(200, send("GET", "/"));
        assertEquals(200, send("GET", "/rest/books/4/reviews"));      // handled: this session is errored
        assertEquals(200, send("POST", "/rest/session/login?user=ann")); // ends it, starts ann's
        assertEquals(500, send("POST", "/rest/orders?book=6"));         // unhandled: ann's session crashed
        assertEquals(200, send("GET", "/rest/books"));                  // a new session
        assertEquals(404, send("GET", "/rest/books/99"));               // a 4xx is not an error
        assertEquals(200, send("POST", "/rest/session/logout"));        // ends it cleanly

        assertTrue(demo.sessions().flush(Duration.ofSeconds(30)), () -> "not delivered: " + demo.sessions().stats());
        HealthCounts counts = demo.board().stats().totals();
        assertEquals(3, counts.started(), counts::toString);
        assertEquals(1, counts.errored(), counts::toString);
        assertEquals(1, counts.crashed(), counts::toString);
        assertEquals(1, counts.exited(), counts::toString);
        assertEquals(0, counts.live(), counts::toString);
        assertEquals(0, demo.board().stats().rejected(), () -> demo.board().stats().rejectedByReason().toString());
    }

    private int send(String method, String path) {
        return visitor.send(method, path).statusCode();
    }
}
