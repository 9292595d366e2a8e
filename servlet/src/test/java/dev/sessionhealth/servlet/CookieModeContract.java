package dev.sessionhealth.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionhealth.testing.Browser;
import dev.sessionhealth.testing.Poll;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Cookie mode (the default), the same assertions on every container. */
abstract class CookieModeContract extends ContractBase {

    @Test
    void newVisitorStartsOneSessionWithInitAndGetsOurCookie() throws Exception {
        h.start(Map.of());
        HttpResponse<String> r = h.visitor().send("GET", "app/sid");
        assertEquals(200, r.statusCode());
        String sid = r.body();
        assertTrue(sid.matches("[0-9a-f]{32}"), sid);
        List<String> setCookies = r.headers().allValues("Set-Cookie");
        String ours = setCookies.stream().filter(c -> c.startsWith(Harness.COOKIE + "=")).findFirst().orElseThrow();
        String lower = ours.toLowerCase(Locale.ROOT);
        assertTrue(lower.contains("path=/shop"), ours);
        assertTrue(lower.contains("httponly"), ours);
        assertTrue(lower.contains("samesite=lax"), ours);
        assertFalse(lower.contains("secure"), "plain HTTP: not Secure: " + ours);
        assertTrue(setCookies.stream().noneMatch(c -> c.startsWith("JSESSIONID")), "no HTTP session: " + setCookies);

        h.flush();
        assertEquals(List.of(sid), h.started());
        Map<String, Object> first = h.updates(sid).get(0);
        assertEquals("ok", first.get("status"));
        assertEquals(0, ((Number) first.get("errors")).intValue());
        assertEquals("shop@1.0.0", ((Map<?, ?>) first.get("attrs")).get("release"));
    }

    @Test
    void cookieOfASecureRequestIsSecure() throws Exception {
        h.start(Map.of());
        HttpResponse<String> r = h.visitor().header(OuterFilter.SECURE, "true").send("GET", "app/sid");
        String ours = r.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(Harness.COOKIE + "=")).findFirst().orElseThrow();
        assertTrue(ours.toLowerCase(Locale.ROOT).contains("secure"), ours);
    }

    @Test
    void twentyRequestsStayOneSession() throws Exception {
        h.start(Map.of());
        Browser v = h.visitor();
        String sid = v.getOk("app/sid");
        for (int i = 1; i < 20; i++) {
            assertEquals(sid, v.getOk("app/sid"));
        }
        assertEquals(20, stateOf(v).requests());
        h.flush();
        assertEquals(List.of(sid), h.started());
        assertEquals(List.of(), h.endings(sid));
    }

    @Test
    void inactivityEndsTheSessionExitedFromTheBackground() throws Exception {
        h.start(h.options().sessionTimeout(Duration.ofMinutes(30)), Map.of());
        Browser v = h.visitor();
        String sid = v.getOk("app/sid");
        h.clock.advance(Duration.ofMinutes(31));
        h.flush(); // runs the sweep; no request involved
        assertEquals(List.of("exited"), h.endings(sid));

        String next = v.getOk("app/sid");
        assertNotEquals(sid, next);
        h.flush();
        assertEquals(List.of(sid, next), h.started());
    }

    @Test
    void maxDurationRollsTheNextRequestToANewSid() throws Exception {
        h.start(h.options().sessionTimeout(Duration.ofMinutes(30)).maxSessionDuration(Duration.ofHours(1)), Map.of());
        Browser v = h.visitor();
        String sid = v.getOk("app/sid");
        h.clock.advance(Duration.ofMinutes(25));
        assertEquals(sid, v.getOk("app/sid"));
        h.clock.advance(Duration.ofMinutes(25));
        assertEquals(sid, v.getOk("app/sid"));
        h.clock.advance(Duration.ofMinutes(25)); // 75 minutes since the start, active all along
        String next = v.getOk("app/sid");
        assertNotEquals(sid, next);
        h.flush();
        assertEquals(List.of("exited"), h.endings(sid));
        assertEquals(List.of(sid, next), h.started());
    }

    @Test
    void endSessionInARequestEndsItExitedAndTheNextRequestStartsANewOne() throws Exception {
        h.start(Map.of());
        Browser v = h.visitor();
        String sid = v.getOk("app/sid");
        v.getOk("app/logout");
        h.flush();
        assertEquals(List.of("exited"), h.endings(sid));
        String next = v.getOk("app/sid");
        assertNotEquals(sid, next);
        h.flush();
        assertEquals(List.of(sid, next), h.started());
    }

    @ParameterizedTest
    @ValueSource(strings = {"runtime", "io", "servlet", "error"})
    void escapingExceptionCrashesOnceIsRethrownUnchangedAndANewSessionFollows(String kind) throws Exception {
        h.start(Map.of());
        Browser v = h.visitor();
        String sid = v.getOk("app/sid");
        assertEquals(500, v.send("GET", "app/boom?kind=" + kind).statusCode());
        assertNotNull(h.app.thrown.get());
        assertNotNull(h.app.reachedFilter.get());
        assertSame(h.app.reachedFilter.get(), h.app.escaped.get(), "rethrown unchanged, the same instance");
        h.flush();
        assertEquals(List.of("crashed"), h.endings(sid));
        assertEquals(1, h.last(sid).get("errors"));

        String next = v.getOk("app/sid");
        assertNotEquals(sid, next);
        v.getOk("app/sid");
        h.flush();
        assertEquals(List.of("crashed"), h.endings(sid), "crashed once");
        assertEquals(List.of(sid, next), h.started());
    }

    @Test
    void handledErrorsAndServerErrorsCountAsErrorsButClientErrorsDoNot() throws Exception {
        h.start(Map.of());
        Browser v = h.visitor();
        String sid = v.getOk("app/sid");
        v.getOk("app/handled");                                          // 1
        assertEquals(500, v.send("GET", "app/status?code=500").statusCode());          // 2
        assertEquals(503, v.send("GET", "app/status?code=503&how=send").statusCode()); // 3
        assertEquals(500, v.send("GET", "app/status?code=500&record=1").statusCode()); // 4, not 5
        assertEquals(404, v.send("GET", "app/status?code=404").statusCode());
        assertEquals(404, v.send("GET", "nothing-mapped-here").statusCode());
        assertEquals(sid, v.getOk("app/sid"));
        v.getOk("app/logout");
        h.flush();
        assertEquals("exited", h.last(sid).get("status"));
        assertEquals(4, h.last(sid).get("errors"));
    }

    @Test
    void serverErrorsWithoutExceptionCanBeIgnored() throws Exception {
        h.start(Map.of("serverErrorsAsErrors", "false"));
        Browser v = h.visitor();
        String sid = v.getOk("app/sid");
        assertEquals(500, v.send("GET", "app/status?code=500").statusCode());
        assertEquals(0, stateOf(v).errors());
        assertEquals(sid, v.getOk("app/sid"));
    }

    /** The async request's context, once the servlet went async and its thread left the request. */
    private jakarta.servlet.AsyncContext awaitAsyncReturned() throws InterruptedException {
        var async = h.app.pendingAsync.poll(20, java.util.concurrent.TimeUnit.SECONDS);
        assertNotNull(async, "the servlet went async");
        assertTrue(h.app.asyncReturned.tryAcquire(20, java.util.concurrent.TimeUnit.SECONDS));
        return async;
    }

    @Test
    void asyncRequestCountsOnceAndFinishesWhenTheAsyncWorkCompletes() throws Exception {
        h.start(Map.of());
        Browser v = h.visitor();
        String sid = v.getOk("app/sid");
        var response = java.util.concurrent.CompletableFuture.supplyAsync(() -> v.send("GET", "app/async?code=500"));
        var async = awaitAsyncReturned();
        assertEquals(0, stateOf(v).errors(), "nothing finished when doFilter returned");

        async.dispatch(); // the async dispatch answers 500: only the completion can know
        HttpResponse<String> r = response.get(20, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(500, r.statusCode());
        assertEquals(sid, r.body(), "the async dispatch is bound to the request's session");
        Poll.atMost(Duration.ofSeconds(10)).until("5xx counted at completion", () -> stateOf(v).errors() == 1);
        assertEquals(2, stateOf(v).requests(), "counted once across its two dispatches");
    }

    @Test
    void anAsyncRequestKeepsItsOwnTrackingWhileItsThreadServesOtherVisitors() throws Exception {
        h.start(Map.of());
        Browser v = h.visitor();
        String sid = v.getOk("app/sid");
        var response = java.util.concurrent.CompletableFuture.supplyAsync(() -> v.send("GET", "app/async?code=500"));
        var async = awaitAsyncReturned();
        String asyncThread = h.app.asyncThread.get();

        // another visitor's requests, each with a handled error, until one ran on the async request's thread
        Browser other = h.visitor();
        String otherSid = other.getOk("app/sid");
        int sameThread = 0;
        int requests = 0;
        while (requests < 400 && sameThread < 3) {
            requests++;
            if (asyncThread.equals(other.getOk("app/thread?record=1"))) {
                sameThread++;
            }
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(sameThread > 0,
                "the container never gave the async request's thread to another request");
        assertEquals(0, stateOf(v).errors(), "none of the other visitor's errors reached the async request's session");

        async.dispatch();
        HttpResponse<String> r = response.get(20, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(500, r.statusCode());
        assertEquals(sid, r.body(), "the async dispatch is still bound to its request's session");
        Poll.atMost(Duration.ofSeconds(10)).until("5xx counted at completion", () -> stateOf(v).errors() == 1);
        assertEquals(2, stateOf(v).requests());
        assertEquals(otherSid, other.getOk("app/sid"));
        assertEquals(requests, stateOf(other).errors(), "one handled error per request of the other visitor");
        assertEquals(requests + 2, stateOf(other).requests());
    }

    @Test
    void exceptionInAnAsyncDispatchCrashesTheSessionOnce() throws Exception {
        h.start(Map.of());
        Browser v = h.visitor();
        String sid = v.getOk("app/sid");
        var response = java.util.concurrent.CompletableFuture.supplyAsync(() -> v.send("GET", "app/async?fail=1"));
        var async = h.app.pendingAsync.poll(20, java.util.concurrent.TimeUnit.SECONDS);
        assertNotNull(async);
        async.dispatch();
        assertEquals(500, response.get(20, java.util.concurrent.TimeUnit.SECONDS).statusCode());
        String next = v.getOk("app/sid");
        assertNotEquals(sid, next);
        h.flush();
        assertEquals(List.of("crashed"), h.endings(sid), "crashed once, by the dispatch or the listener");
        assertEquals(1, h.last(sid).get("errors"));
        assertEquals(List.of(sid, next), h.started());
    }

    @Test
    void forgedTamperedOversizedAndMalformedCookiesStartFreshSessionsAndTouchNobodyElse() throws Exception {
        h.start(Map.of());
        Browser victim = h.visitor();
        String victimSid = victim.getOk("app/sid");
        String genuine = victim.cookie(Harness.COOKIE);
        int dot = genuine.indexOf('.');
        String id = genuine.substring(0, dot);
        String signature = genuine.substring(dot + 1);
        char last = signature.charAt(signature.length() - 1);
        List<String> forgeries = List.of(
                id + "." + signature.substring(0, signature.length() - 1) + (last == 'A' ? 'B' : 'A'),
                id + "." + "A".repeat(43),
                // a digit, not the genuine letter in the other case, which a header cache may match
                id + "." + (signature.charAt(0) == '0' ? '1' : '0') + signature.substring(1),
                "B".repeat(22) + "." + signature,
                genuine + "x",
                "x".repeat(3000),
                "garbage",
                ".",
                id);
        for (String forged : forgeries) {
            Browser attacker = h.visitor();
            attacker.forgeCookie(Harness.COOKIE, forged);
            HttpResponse<String> r = attacker.send("GET", "app/sid");
            assertEquals(200, r.statusCode(), forged);
            assertNotEquals(victimSid, r.body(), "forged cookie " + forged + " reached the victim's session");
            String reissued = attacker.cookie(Harness.COOKIE);
            assertNotEquals(forged, reissued, "a new cookie replaces the forged one");
            assertNotEquals(genuine, reissued);
            assertEquals(r.body(), attacker.getOk("app/sid"), "the new cookie works");
        }
        assertEquals(victimSid, victim.getOk("app/sid"));
        assertEquals(2, stateOf(victim).requests());
        h.flush();
        assertEquals(List.of(), h.endings(victimSid), "the victim's session untouched");
        assertEquals(1 + forgeries.size(), h.started().size());
    }

    @Test
    void probesBotsOptionsHeadAndHealthPathsCreateNothing() throws Exception {
        h.start(Map.of());
        for (String ua : List.of("kube-probe/1.30", "ELB-HealthChecker/2.0", "GoogleHC/1.0",
                "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
                "Mozilla/5.0 (compatible; UptimeRobot/2.0; http://www.uptimerobot.com/)")) {
            HttpResponse<String> r = h.visitor().userAgent(ua).send("GET", "app/sid");
            assertNothingTracked(r, ua);
        }
        for (String path : List.of("health", "health/live", "actuator/health", "favicon.ico")) {
            assertNothingTracked(h.visitor().send("GET", path), path);
        }
        assertNothingTracked(h.visitor().send("OPTIONS", "app/sid"), "OPTIONS");
        HttpResponse<String> head = h.visitor().send("HEAD", "app/sid");
        assertTrue(head.headers().allValues("Set-Cookie").isEmpty(), "HEAD");
        h.flush();
        assertEquals(List.of(), h.ingest.sessions());
        assertEquals(0, h.manager.stats().started());

        String sid = h.visitor().userAgent("curl/8.5.0").getOk("app/sid");
        assertNotEquals("none", sid, "curl is a user by default");
    }

    private static void assertNothingTracked(HttpResponse<String> r, String what) {
        assertEquals(200, r.statusCode(), what);
        assertEquals("none", r.body(), what + " was bound to a session");
        assertTrue(r.headers().allValues("Set-Cookie").isEmpty(), what + " got a cookie");
    }

    @Test
    void principalThatAppearsOrChangesRestartsTheSession() throws Exception {
        h.start(Map.of());
        Browser v = h.visitor();
        String anonymous = v.getOk("app/sid");
        String alice = v.header(OuterFilter.USER, "alice").getOk("app/sid");
        assertNotEquals(anonymous, alice);
        assertEquals(alice, v.getOk("app/sid"));
        assertEquals(alice, v.header(OuterFilter.USER, null).getOk("app/sid"),
                "a principal that disappears changes nothing");
        String bob = v.header(OuterFilter.USER, "bob").getOk("app/sid");
        assertNotEquals(alice, bob);
        h.flush();
        assertEquals(List.of("exited"), h.endings(anonymous));
        assertEquals(List.of("exited"), h.endings(alice));
        assertEquals(List.of(anonymous, alice, bob), h.started());
        assertNull(h.updates(anonymous).get(0).get("did"));
        Object aliceDid = h.updates(alice).get(0).get("did");
        assertNotNull(aliceDid);
        assertNotEquals(aliceDid, h.updates(bob).get(0).get("did"));
    }

    @Test
    void aUserKnownOnlyBehindTheFilterRestartsTheSessionThroughTheUserFilter() throws Exception {
        h.start(Map.of());
        Browser v = h.visitor();
        String anonymous = v.getOk("app/sid");
        String dave = v.header(LateAuthFilter.USER, "dave").getOk("app/sid");
        assertNotEquals(anonymous, dave, "SessionHealthUserFilter hands the late principal to the session");
        assertEquals(dave, v.getOk("app/sid"));
        assertEquals(dave, v.header(LateAuthFilter.USER, "dave").getOk("app/sid"), "the same user again: no restart");
        String erin = v.header(LateAuthFilter.USER, "erin").getOk("app/sid");
        assertNotEquals(dave, erin);
        h.flush();
        assertEquals(List.of("exited"), h.endings(anonymous));
        assertEquals(List.of("exited"), h.endings(dave));
        assertEquals(List.of(anonymous, dave, erin), h.started());
        assertNull(h.updates(anonymous).get(0).get("did"));
        assertNotNull(h.updates(dave).get(0).get("did"));
    }

    @Test
    void startSessionDuringARequestRebindsTheVisitor() throws Exception {
        h.start(Map.of());
        Browser v = h.visitor();
        String anonymous = v.getOk("app/sid");
        String carol = v.getOk("app/login?user=carol");
        assertNotEquals(anonymous, carol);
        assertEquals(carol, v.getOk("app/sid"));
        assertEquals(carol, v.header(OuterFilter.USER, "carol").getOk("app/sid"),
                "the same user as principal: no restart");
        h.flush();
        assertEquals(List.of("exited"), h.endings(anonymous));
        assertEquals(List.of(anonymous, carol), h.started());
        assertNotNull(h.updates(carol).get(0).get("did"));
    }
}
