package dev.sessionhealth.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.sessionhealth.testing.Browser;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** HTTP-session mode, the same assertions on every container. */
abstract class HttpSessionModeContract extends ContractBase {

    private static final Map<String, String> MODE = Map.of("mode", "httpSession");

    @Test
    void twentyRequestsOfOneHttpSessionAreOneTrackedSession() throws Exception {
        h.start(MODE);
        Browser v = h.visitor();
        String sid = v.getOk("app/sid");
        assertNotNull(v.cookie("JSESSIONID"), "the container's session carries it");
        assertNull(v.cookie(Harness.COOKIE), "no cookie of ours in this mode");
        for (int i = 1; i < 20; i++) {
            assertEquals(sid, v.getOk("app/sid"));
        }
        h.flush();
        assertEquals(List.of(sid), h.started());
        assertEquals(List.of(), h.endings(sid));
    }

    @Test
    void invalidationEndsTheTrackedSessionExitedAtOnce() throws Exception {
        h.start(MODE);
        Browser v = h.visitor();
        String sid = v.getOk("app/sid");
        v.getOk("app/invalidate");
        h.flush();
        assertEquals(List.of("exited"), h.endings(sid));
        String next = v.getOk("app/sid");
        assertNotEquals(sid, next);
        h.flush();
        assertEquals(List.of(sid, next), h.started());
    }

    @Test
    void exceptionCrashesTheSessionOnceAndTheNextRequestStartsAFreshOne() throws Exception {
        h.start(MODE);
        Browser v = h.visitor();
        String sid = v.getOk("app/sid");
        assertEquals(500, v.send("GET", "app/boom").statusCode());
        String next = v.getOk("app/sid");
        assertNotEquals(sid, next);
        assertEquals(next, v.getOk("app/sid"));
        h.flush();
        assertEquals(List.of("crashed"), h.endings(sid));
        assertEquals(List.of(sid, next), h.started());
    }

    @Test
    void aNodeThatDoesNotKnowTheSessionTakesItOverWithoutASecondInit() throws Exception {
        h.start(MODE);
        Browser v = h.visitor();
        String sid = v.getOk("app/sid");
        v.getOk("app/handled"); // one error, carried in the session attribute
        v.getOk("app/forget");  // as if the next request reached another node
        assertEquals(sid, v.getOk("app/sid"));
        v.getOk("app/invalidate");
        h.flush();
        assertEquals(List.of(sid), h.started(), "taken over, not started again");
        assertEquals("exited", h.last(sid).get("status"));
        assertEquals(1, h.last(sid).get("errors"));
    }

    @Test
    void inactivityEndsTheSessionAndALaterRequestStartsAFreshOneWithoutReviving() throws Exception {
        h.start(h.options().sessionTimeout(Duration.ofMinutes(30)), MODE);
        Browser v = h.visitor();
        String sid = v.getOk("app/sid");
        h.clock.advance(Duration.ofMinutes(31));
        h.flush();
        assertEquals(List.of("exited"), h.endings(sid));
        String next = v.getOk("app/sid"); // the HTTP session lives on; the tracked one lapsed
        assertNotEquals(sid, next);
        h.flush();
        assertEquals(List.of(sid, next), h.started());
        assertEquals(List.of("exited"), h.endings(sid), "nothing sent for the lapsed sid again");
    }

    @Test
    void takeoverOfALapsedSessionStartsAFreshOne() throws Exception {
        h.start(h.options().sessionTimeout(Duration.ofMinutes(30)), MODE);
        Browser v = h.visitor();
        String sid = v.getOk("app/sid");
        v.getOk("app/forget");
        h.clock.advance(Duration.ofMinutes(31));
        String next = v.getOk("app/sid");
        assertNotEquals(sid, next);
        h.flush();
        assertEquals(List.of(sid, next), h.started());
    }

    @Test
    void principalAppearingAfterLoginRestartsTheSession() throws Exception {
        h.start(MODE);
        Browser v = h.visitor();
        String anonymous = v.getOk("app/sid");
        String dave = v.header(OuterFilter.USER, "dave").getOk("app/sid");
        assertNotEquals(anonymous, dave);
        assertEquals(dave, v.getOk("app/sid"));
        h.flush();
        assertEquals(List.of("exited"), h.endings(anonymous));
        assertEquals(List.of(anonymous, dave), h.started());
    }
}
