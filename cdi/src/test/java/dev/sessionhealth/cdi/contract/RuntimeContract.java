package dev.sessionhealth.cdi.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionhealth.Session;
import dev.sessionhealth.SessionManager;
import dev.sessionhealth.SessionOptions;
import dev.sessionhealth.testing.Browser;
import dev.sessionhealth.testing.FakeIngest;
import dev.sessionhealth.testing.Poll;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The behaviour every runtime must show, against a real servlet container, a real CDI container, a
 * real HTTP client with cookies and a real local ingest. Subclasses say how to start their runtime.
 */
@Timeout(120)
public abstract class RuntimeContract {

    private static final Duration WAIT = Duration.ofSeconds(15);

    protected FakeIngest ingest;
    private AppServer server;

    /** How this runtime starts the test application. */
    protected abstract AppServer.Starter starter();

    /**
     * What an unmapped exception of a resource that is not a CDI bean does to the session, as
     * {@code "STATUS errors"}: only a runtime-specific hook sees it (Jersey's event listener), else
     * it goes unseen, or the servlet filter counts its 500 as an error.
     */
    protected abstract String nonBeanCrash();

    @BeforeEach
    void startIngest() {
        ingest = FakeIngest.start();
    }

    @AfterEach
    void stopAll() throws Exception {
        if (server != null) {
            server.close();
        }
        ingest.close();
    }

    protected Map<String, String> params(String... extra) {
        return AppServer.params(ingest, extra);
    }

    protected Browser start(Map<String, String> params) throws Exception {
        return start(params, Map.of());
    }

    protected Browser start(Map<String, String> params, Map<String, Object> contextAttributes) throws Exception {
        server = starter().start(params, contextAttributes);
        return new Browser(server.base());
    }

    protected void stopServer() throws Exception {
        server.close();
        server = null;
    }

    @Test
    void injectedManagerIsEnabledAndConfiguredFromContextParams() throws Exception {
        Browser client = start(params());
        HttpResponse<String> r = client.get("shop/enabled");
        assertEquals(200, r.statusCode());
        assertEquals("true", r.body());
    }

    @Test
    void clientErrorMappedByApplicationLeavesSessionHealthy() throws Exception {
        Browser client = start(params());
        assertEquals(409, client.get("shop/out-of-stock").statusCode());
        assertEquals(409, client.get("shop/out-of-stock").statusCode());
        assertTrue(client.get("shop/session").body().endsWith(" OK 0"), "no error counted");
    }

    @Test
    void serverErrorMappedByApplicationMarksSessionErrored() throws Exception {
        Browser client = start(params());
        String sid = sidOf(client.get("shop/session").body());
        assertEquals(503, client.get("shop/payment-failed").statusCode());
        assertEquals(sid + " OK 1", client.get("shop/session").body());
        client.post("shop/logout");
        Map<String, Object> last = awaitLast(sid, "exited");
        assertEquals(1, ((Number) last.get("errors")).intValue());
    }

    @Test
    void unmappedExceptionCrashesSessionOnce() throws Exception {
        Browser client = start(params());
        String sid = sidOf(client.get("shop/session").body());
        HttpResponse<String> crash = client.get("shop/bug");
        assertEquals(500, crash.statusCode());
        Map<String, Object> last = awaitLast(sid, "crashed");
        assertEquals(1, ((Number) last.get("errors")).intValue());
        String next = sidOf(client.get("shop/session").body());
        assertNotEquals(sid, next, "the next request starts a new session");
        stopServer(); // sends everything left
        assertEquals(1, updates(sid).stream().filter(u -> "crashed".equals(u.get("status"))).count(),
                "the crash is sent once");
    }

    @Test
    void unmappedExceptionOfAResourceThatIsNotABean() throws Exception {
        Browser client = start(params());
        String sid = sidOf(client.get("shop/session").body());
        assertEquals(500, client.get("plain/bug").statusCode());
        if (nonBeanCrash().startsWith("CRASHED")) {
            awaitLast(sid, "crashed");
        } else {
            assertEquals(sid + " " + nonBeanCrash(), client.get("shop/session").body());
        }
    }

    @Test
    void errorReportedByApplicationAndMappedTo5xxCountsOnce() throws Exception {
        Browser client = start(params());
        String sid = sidOf(client.get("shop/session").body());
        assertEquals(200, client.get("shop/reported").statusCode());
        assertEquals(sid + " OK 1", client.get("shop/session").body());
        assertEquals(503, client.get("shop/reported-and-failed").statusCode());
        assertEquals(sid + " OK 2", client.get("shop/session").body());
    }

    @Test
    void exceptionHandledInsideTheResourceIsNotAnError() throws Exception {
        Browser client = start(params());
        HttpResponse<String> r = client.get("shop/recovered");
        assertEquals("sold out", r.body());
        assertEquals(404, client.get("shop/missing").statusCode());
        assertTrue(client.get("shop/session").body().endsWith(" OK 0"));
    }

    @Test
    void loginStartsUserSessionAndLogoutEndsIt() throws Exception {
        Browser client = start(params());
        String anonymous = sidOf(client.get("shop/session").body());
        String alice = client.post("shop/login?user=alice").body();
        assertNotEquals(anonymous, alice);
        assertEquals(alice + " OK 0", client.get("shop/session").body(), "the caller's session is alice's");
        assertEquals("bye", client.post("shop/logout").body());
        Map<String, Object> ended = awaitLast(alice, "exited");
        assertTrue(ended.get("did") instanceof String, "alice's session carries her distinct id");
        assertEquals("exited", awaitLast(anonymous, "exited").get("status"));
        assertEquals(List.of("ended " + anonymous + " EXITED", "started " + alice + " OK", "ended " + alice + " EXITED"),
                List.of(client.get("events").body().split("\n")));
    }

    @Test
    void severalRequestsOfOneClientAreOneSession() throws Exception {
        Browser client = start(params());
        assertEquals(200, client.get("shop/ok").statusCode());
        assertEquals(409, client.get("shop/out-of-stock").statusCode());
        String sid = sidOf(client.get("shop/session").body());
        stopServer();
        awaitLast(sid, "exited");
        assertEquals(List.of(sid), ingest.sessions().stream().map(u -> u.get("sid")).distinct().toList(),
                "one client, one session");
        assertEquals(1, updates(sid).stream().filter(u -> Boolean.TRUE.equals(u.get("init"))).count(),
                "started once");
    }

    @Test
    void anotherClientKeepsItsOwnSession() throws Exception {
        Browser alice = start(params());
        Browser bob = new Browser(server.base());
        String aliceSid = alice.post("shop/login?user=alice").body();
        String bobSid = sidOf(bob.get("shop/session").body());
        assertNotEquals(aliceSid, bobSid);
        assertEquals(500, bob.get("shop/bug").statusCode());
        assertEquals(aliceSid + " OK 0", alice.get("shop/session").body(), "bob's crash is not alice's");
    }

    @Test
    void requestModeCountsEachRequestOnceByOutcome() throws Exception {
        Browser client = start(params("sessionhealth.mode", "request"));
        assertEquals(200, client.get("shop/ok").statusCode());
        assertEquals(200, client.get("shop/ok").statusCode());
        assertEquals(409, client.get("shop/out-of-stock").statusCode());
        assertEquals(503, client.get("shop/payment-failed").statusCode());
        assertEquals(500, client.get("shop/bug").statusCode());
        assertEquals(404, client.get("nothing-here").statusCode());
        assertEquals(200, client.post("shop/login?user=alice").statusCode());
        stopServer(); // closing the manager sends the current minute's buckets
        Poll.atMost(WAIT).until("the crash in the buckets sent at close", () -> total(ingest, "crashed") >= 1);
        assertEquals(5, total(ingest, "exited"), "ok, ok, 409, the unmatched 404 and the login");
        assertEquals(1, total(ingest, "errored"));
        assertEquals(1, total(ingest, "crashed"));
        assertEquals(List.of(), ingest.sessions(), "no user session in request mode, not even at login");
    }

    @Test
    void openSessionsAreSentWhenTheApplicationStops() throws Exception {
        Browser client = start(params());
        String sid = sidOf(client.get("shop/session").body());
        stopServer();
        Map<String, Object> last = awaitLast(sid, "exited");
        assertEquals("exited", last.get("status"));
        assertEquals(Map.of("release", "shop@1.0.0", "environment", "mp-test"), last.get("attrs"),
                "release from the context-param, environment from MicroProfile Config");
    }

    @Test
    void managerAlreadyInTheServletContextIsSharedAndLeftOpen() throws Exception {
        try (SessionManager preset = SessionManager.create(SessionOptions.builder().dsn(ingest.dsn())
                .release("preset@1").flushInterval(Duration.ofMillis(200)).build())) {
            Browser client = start(params(), Map.of("dev.sessionhealth.SessionManager", preset));
            String sid = sidOf(client.get("shop/session").body());
            assertTrue(preset.flush(WAIT));
            assertEquals("preset@1", attrs(updates(sid).get(0)).get("release"), "the preset manager tracks");
            stopServer();
            Session own = preset.startSession();
            assertTrue(preset.flush(WAIT));
            assertEquals(1, updates(own.sid()).size(), "still open after the application stopped");
        }
    }

    @Test
    void reservedReleaseNameFailsTheDeployment() {
        Exception e = assertThrows(Exception.class, () -> start(params("sessionhealth.release", "latest")));
        assertTrue(messages(e).contains("release='latest' from context-param sessionhealth.release"), messages(e));
    }

    @Test
    void malformedDsnFailsTheDeployment() {
        Exception e = assertThrows(Exception.class, () -> start(params("sessionhealth.dsn", "ftp://key@host/1")));
        assertTrue(messages(e).contains("sessionhealth.dsn"), messages(e));
        assertTrue(messages(e).contains("http or https"), messages(e));
    }

    @Test
    void unknownModeFailsTheDeployment() {
        Exception e = assertThrows(Exception.class, () -> start(params("sessionhealth.mode", "users")));
        assertTrue(messages(e).contains("mode='users' from context-param sessionhealth.mode"), messages(e));
    }

    @Test
    void invalidSystemPropertyIsADefinitionError() {
        System.setProperty("sessionhealth.sessionTimeout", "soon");
        try {
            Exception e = assertThrows(Exception.class, () -> start(params()));
            assertTrue(messages(e).contains("sessionTimeout='soon' from system property sessionhealth.sessionTimeout"),
                    messages(e));
        } finally {
            System.clearProperty("sessionhealth.sessionTimeout");
        }
    }

    protected static String sidOf(String sessionLine) {
        String sid = sessionLine.split(" ")[0];
        assertEquals(32, sid.length(), "a session is bound: " + sessionLine);
        return sid;
    }

    /** Waits for an update of {@code sid} with this status and returns it. */
    protected Map<String, Object> awaitLast(String sid, String status) throws InterruptedException {
        Poll.atMost(WAIT).until(() -> "an update with status " + status + " for " + sid + " in " + ingest.sessions(),
                () -> updates(sid).stream().anyMatch(u -> status.equals(u.get("status"))));
        List<Map<String, Object>> all = updates(sid);
        return all.get(all.size() - 1);
    }

    @SuppressWarnings("unchecked")
    protected static Map<String, Object> attrs(Map<String, Object> update) {
        return (Map<String, Object>) update.get("attrs");
    }

    protected List<Map<String, Object>> updates(String sid) {
        return ingest.sessions().stream().filter(s -> sid.equals(s.get("sid"))).toList();
    }

    @SuppressWarnings("unchecked")
    protected static long total(FakeIngest ingest, String outcome) {
        long n = 0;
        for (Map<String, Object> item : ingest.payloads("sessions")) {
            for (Map<String, Object> bucket : (List<Map<String, Object>>) item.get("aggregates")) {
                Object v = bucket.get(outcome);
                n += v == null ? 0 : ((Number) v).longValue();
            }
        }
        return n;
    }

    protected static String messages(Throwable e) {
        StringBuilder b = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            b.append(t).append('\n');
            for (Throwable s : t.getSuppressed()) {
                b.append(messages(s));
            }
        }
        return b.toString();
    }
}
