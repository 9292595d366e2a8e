package dev.sessionhealth.cdi.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionhealth.SessionManager;
import dev.sessionhealth.SessionOptions;
import dev.sessionhealth.internal.DefaultSessionManager;
import dev.sessionhealth.internal.cookie.CookieKey;
import dev.sessionhealth.testing.FakeIngest;
import dev.sessionhealth.testing.IngestLedger;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The JAX-RS hook and the servlet filter issue and accept one cookie: the same format, signed with
 * the application's key (the configured one, or one random key for both), so adding the filter keeps
 * every session, and a value that is not ours starts a new session with a new cookie. Requests carry
 * their cookie explicitly here, so one client can visit several deployments of the application.
 */
@Timeout(120)
public abstract class CookieFormatContract {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String KEY = "the cookie key of the shop, same on every node";
    private static final String MANAGER = "dev.sessionhealth.SessionManager";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private FakeIngest ingest;
    private AppServer server;

    /**
     * Starts the test application under {@code /api}, with the servlet filter mapped to
     * {@code filterPattern} in front of the JAX-RS servlet, or without the filter when it is {@code null}.
     */
    protected abstract AppServer start(Map<String, String> contextParams, Map<String, Object> attributes,
            String filterPattern) throws Exception;

    @BeforeEach
    void startIngest() {
        ingest = FakeIngest.start();
    }

    @AfterEach
    void stopAll() throws Exception {
        stop();
        ingest.close();
    }

    @Test
    void aCookieOfTheHookAloneKeepsItsSessionWhenTheFilterIsAdded() throws Exception {
        try (SessionManager shared = sharedManager()) { // the sessions outlive the redeployment
            deploy(params("sessionhealth.cookieKey", KEY), Map.of(MANAGER, shared), null);
            HttpResponse<String> first = get("shop/session", null);
            String cookie = issued(first);
            String sid = sidOf(first);
            stop();

            deploy(params("sessionhealth.cookieKey", KEY), Map.of(MANAGER, shared), "/*");
            HttpResponse<String> withFilter = get("shop/session", cookie);
            assertEquals(List.of(), ours(withFilter), "the filter keeps the hook's cookie");
            assertEquals(sid + " OK 0", withFilter.body(), "the same session goes on");
            stop();

            assertTrue(shared.flush(WAIT));
            assertEquals(1, ingest.sessions().stream()
                    .filter(u -> sid.equals(u.get("sid")) && Boolean.TRUE.equals(u.get("init"))).count(),
                    "started once: " + ingest.sessions());
        }
        // what the ingest counts once the shared manager closed: one start, one end, nothing after it
        IngestLedger ledger = IngestLedger.of(ingest);
        ledger.assertExact(true);
        assertEquals(1, ledger.sids().size(), ledger.figures());
    }

    @Test
    void withTheSameKeyEachChecksTheOthersSignature() throws Exception {
        deploy(params("sessionhealth.cookieKey", KEY), Map.of(), null);
        String ofTheHook = issued(get("shop/session", null));
        stop();

        deploy(params("sessionhealth.cookieKey", KEY), Map.of(), "/*"); // a new manager: no session known
        assertEquals(List.of(), ours(get("shop/session", ofTheHook)), "the filter accepts the hook's signature");
        String ofTheFilter = issued(get("shop/session", null));
        stop();

        deploy(params("sessionhealth.cookieKey", KEY), Map.of(), null);
        assertEquals(List.of(), ours(get("shop/session", ofTheFilter)), "the hook accepts the filter's signature");
        stop();

        deploy(params("sessionhealth.cookieKey", "another key, sixteen characters or more"), Map.of(), null);
        assertEquals(1, ours(get("shop/session", ofTheFilter)).size(), "another key: a new cookie");
    }

    @Test
    void theFilterAndTheHookOfOneApplicationShareItsRandomKey() throws Exception {
        try (SessionManager shared = sharedManager()) {
            // no cookieKey; the filter sees only shop/session, the hook alone every other path
            deploy(params(), Map.of(MANAGER, shared), "/api/shop/session");
            String ofTheHook = issued(get("shop/ok", null));
            forget(shared, ofTheHook);
            assertEquals(List.of(), ours(get("shop/session", ofTheHook)), "the filter checks the hook's signature");

            String ofTheFilter = issued(get("shop/session", null));
            forget(shared, ofTheFilter);
            assertEquals(List.of(), ours(get("shop/ok", ofTheFilter)), "the hook checks the filter's signature");
        }
    }

    @Test
    void aTamperedOrForeignCookieStartsANewSessionWithANewCookie() throws Exception {
        deploy(params(), Map.of(), null);
        HttpResponse<String> first = get("shop/session", null);
        String genuine = issued(first);
        String sid = sidOf(first);
        int dot = genuine.indexOf('.');
        String otherSignature = genuine.substring(0, genuine.length() - 1)
                + (genuine.endsWith("A") ? "Q" : "A");
        // a digit, never the genuine character in the other case: Jetty's per-connection header cache
        // matches values ignoring case and would hand this request's Cookie header to the next one
        String otherId = (genuine.charAt(0) == '0' ? "1" : "0") + genuine.substring(1);
        String unsigned = genuine.substring(0, dot);
        for (String bad : List.of(otherSignature, otherId, unsigned, "0123456789abcdef0123456789abcdef")) {
            HttpResponse<String> r = get("shop/session", bad);
            String fresh = issued(r);
            assertNotEquals(genuine, fresh, bad);
            assertNotEquals(sid, sidOf(r), bad);
        }
        HttpResponse<String> again = get("shop/session", genuine);
        assertEquals(List.of(), ours(again), "the genuine cookie still holds");
        assertEquals(sid, sidOf(again));
    }

    private void deploy(Map<String, String> params, Map<String, Object> attributes, String filterPattern)
            throws Exception {
        server = start(params, attributes, filterPattern);
    }

    private void stop() throws Exception {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    private Map<String, String> params(String... extra) {
        return AppServer.params(ingest, extra);
    }

    /** A manager put into the servlet context, as a container may: it outlives a deployment and the test can flush it. */
    private SessionManager sharedManager() {
        return SessionManager.create(SessionOptions.builder().dsn(ingest.dsn()).release("shop@1.0.0")
                .flushInterval(Duration.ofMillis(200)).persistence(false).build());
    }

    /** Ends the session of {@code cookie} and lets the manager forget it, so its next request is checked by signature. */
    private void forget(SessionManager shared, String cookie) throws Exception {
        assertEquals(200, send("POST", "shop/logout", cookie).statusCode());
        assertTrue(shared.flush(WAIT)); // runs the registry's sweep, which forgets ended sessions
        assertNull(((DefaultSessionManager) shared).registry().get(CookieKey.parse(cookie)),
                "no key left that would skip the signature check");
    }

    private HttpResponse<String> get(String path, String cookie) throws IOException, InterruptedException {
        return send("GET", path, cookie);
    }

    private HttpResponse<String> send(String method, String path, String cookie)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.base().resolve(path)).timeout(WAIT)
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (cookie != null) {
            request.header("Cookie", "other=1; sessionhealth=" + cookie);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        return response;
    }

    /** Our {@code Set-Cookie} headers of {@code response}. */
    private static List<String> ours(HttpResponse<String> response) {
        return response.headers().allValues("set-cookie").stream().filter(c -> c.startsWith("sessionhealth=")).toList();
    }

    /** The value of the one cookie {@code response} sets, checked to be the signed format with the filter's attributes. */
    private static String issued(HttpResponse<String> response) {
        List<String> set = ours(response);
        assertEquals(1, set.size(), set.toString());
        String header = set.get(0);
        assertTrue(header.endsWith("; Path=/; HttpOnly; SameSite=Lax"), header);
        String value = header.substring("sessionhealth=".length(), header.indexOf(';'));
        assertTrue(value.matches("[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}"), value);
        return value;
    }

    private static String sidOf(HttpResponse<String> sessionLine) {
        String sid = sessionLine.body().split(" ")[0];
        assertEquals(32, sid.length(), "a session is bound: " + sessionLine.body());
        return sid;
    }
}
