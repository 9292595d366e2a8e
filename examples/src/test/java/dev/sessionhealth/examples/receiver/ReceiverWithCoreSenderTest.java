package dev.sessionhealth.examples.receiver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionhealth.SessionContext;
import dev.sessionhealth.SessionManager;
import dev.sessionhealth.SessionOptions;
import dev.sessionhealth.SessionStatus;
import dev.sessionhealth.User;
import dev.sessionhealth.examples.dashboard.StatsJson;
import dev.sessionhealth.internal.DefaultSessionManager;
import dev.sessionhealth.internal.session.SessionStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.InstantSource;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The real core sender (HTTP, gzip, batching) against the receiver on a real Jetty. */
@Timeout(60)
class ReceiverWithCoreSenderTest {

    private final ReleaseHealthBoard board = new ReleaseHealthBoard(InstantSource.system(), 100, 10);
    private Server server;
    private int port;

    @BeforeEach
    void startReceiver() throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        server.setHandler(ReceiverContext.create(board, StatsJson.mapper()));
        server.start();
        port = connector.getLocalPort();
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    @Test
    void sessionsFromTheCoreSenderAreCountedLikeSentryCountsThem() {
        SessionOptions options = SessionOptions.builder().dsn("http://key@127.0.0.1:" + port + "/7")
                .release("shop@2.0").environment("test").build();
        try (SessionManager manager = SessionManager.create(options)) {
            SessionStore users = ((DefaultSessionManager) manager).registry();
            DefaultSessionManager dm = (DefaultSessionManager) manager;
            users.touch("alice", SessionContext.forUser(User.of("alice")), "ua", null);
            users.end("alice", SessionStatus.EXITED);
            dm.tracker().recordError(users.touch("bob", SessionContext.forUser(User.of("bob")), "ua", null), true);
            users.end("bob", SessionStatus.EXITED);
            dm.tracker().recordError(users.touch("carol", SessionContext.forUser(User.of("carol")), "ua", null), false);
            // a session opened for a request is announced when the request is over, as the integrations do
            dm.tracker().announce(users.touch("dave", SessionContext.forUser(User.of("dave")), "ua", null));
            users.touch("anonymous", SessionContext.EMPTY, "ua", null);
            users.end("anonymous", SessionStatus.EXITED);
            assertTrue(manager.flush(Duration.ofSeconds(30)), () -> "not delivered in time: " + manager.stats()
                    + ", receiver: " + board.stats().totals());

            HealthCounts open = board.stats().totals();
            assertEquals(5, open.started());
            assertEquals(2, open.exited());
            assertEquals(1, open.errored());
            assertEquals(1, open.crashed());
            assertEquals(1, open.live());
            assertEquals(80.0, open.crashFreeSessions());
            assertEquals(4, open.users());
            assertEquals(75.0, open.crashFreeUsers());
            assertEquals(1, open.activeUsers());
            assertEquals(0, board.stats().rejected(), () -> board.stats().rejectedByReason().toString());
        }
        HealthCounts closed = board.stats().totals();
        assertEquals(0, closed.live(), "close() ends the open session as exited");
        assertEquals(3, closed.exited());
        assertEquals(0, board.stats().rejected());
    }

    @Test
    void answersLikeSentryToRequestsWithoutKeyOrOnAnotherPath() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        byte[] envelope = Envelopes.sentAt(java.time.Instant.now()).bytes();

        HttpResponse<String> noKey = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/7/envelope/"))
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofByteArray(envelope)).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> keyInQuery = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/7/envelope/?sentry_key=abc"))
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofByteArray(envelope)).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> otherPath = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/7/store/?sentry_key=abc"))
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofByteArray(envelope)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(401, noKey.statusCode());
        assertEquals(200, keyInQuery.statusCode());
        assertEquals(404, otherPath.statusCode());
    }
}
