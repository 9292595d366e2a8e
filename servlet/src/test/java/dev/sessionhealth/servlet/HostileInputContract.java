package dev.sessionhealth.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionhealth.DiscardReason;
import dev.sessionhealth.SessionManager;
import dev.sessionhealth.SessionOptions;
import dev.sessionhealth.internal.DefaultSessionManager;
import dev.sessionhealth.internal.cookie.CookieKey;
import dev.sessionhealth.internal.wire.IngestRules;
import dev.sessionhealth.testing.Browser;
import dev.sessionhealth.testing.EmbeddedContainer;
import dev.sessionhealth.testing.FakeIngest;
import dev.sessionhealth.testing.MovableClock;
import dev.sessionhealth.testing.ReceivedEnvelope;
import dev.sessionhealth.testing.SentryReader;
import dev.sessionhealth.testing.WebApp;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hostile and broken requests, sent as raw bytes: each is answered exactly as the same application
 * without the library answers it (whatever the container makes of it), a genuine visitor's session
 * is untouched, and everything that reaches the ingest is readable by io.sentry and passes the
 * ingest's rules, with personal data (user agent, address) free of control characters.
 */
@Timeout(180)
abstract class HostileInputContract {

    static final int MAX_USER_AGENT = 512;
    private static final Set<String> STATUSES = Set.of("ok", "exited", "crashed", "abnormal");

    private final FakeIngest ingest = FakeIngest.start();
    private final MovableClock clock = new MovableClock();
    private EmbeddedContainer tracked;
    private EmbeddedContainer bare;
    private SessionManager manager;
    private URI trackedBase;
    private URI bareBase;

    abstract EmbeddedContainer newContainer();

    @BeforeEach
    void startBoth() throws Exception {
        manager = SessionManager.builder(SessionOptions.builder().dsn(ingest.dsn()).release("shop@1.0.0")
                .sendDefaultPii(true).build()).clock(clock).build();
        tracked = newContainer();
        trackedBase = tracked.start(WebApp.at("/shop").initializer(new HostileApp(manager)));
        bare = newContainer();
        bareBase = bare.start(WebApp.at("/shop").initializer(new HostileApp(null)));
    }

    @AfterEach
    void stopAll() throws Exception {
        try {
            tracked.close();
            bare.close();
        } finally {
            manager.close();
            ingest.close();
        }
    }

    @Test
    void hostileRequestsAreServedAsWithoutTheLibraryTouchNobodyElseAndSendNothingInvalid() throws Exception {
        Browser victim = new Browser(trackedBase);
        String victimSid = victim.getOk("sid");
        CookieKey victimKey = CookieKey.parse(victim.cookie(Harness.COOKIE));

        Map<String, Integer> statuses = sendEachCaseWithAndWithoutTheLibrary(victimSid);

        assertEquals(victimSid, victim.getOk("sid"), "the victim keeps its session");
        DefaultSessionManager m = (DefaultSessionManager) manager;
        assertEquals(2, m.registry().get(victimKey).requests(), "only the victim's own requests counted in it");
        assertTrue(manager.flush(Duration.ofSeconds(30)), "flush timed out");
        List<Map<String, Object>> sessions = assertEverythingSentIsValid();
        assertTrue(sessions.stream().noneMatch(s -> victimSid.equals(s.get("sid")) && !"ok".equals(s.get("status"))),
                "the victim's session was not ended");
        assertNull(manager.stats().discarded().get(DiscardReason.INVALID), manager.stats()::toString);
        assertTrue(sessions.stream().anyMatch(s -> attr(s, "user_agent") != null
                && attr(s, "user_agent").startsWith("Mozilla/5.0 (hostile)")), "hostile user agents were tracked");
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("cases", statuses.size());
        f.put("answeredAsWithoutLibrary", statuses.size());
        f.put("containerRefused", statuses.values().stream().filter(s -> s != 200).count());
        f.put("sessionItemsSent", sessions.size());
        f.put("invalidSent", 0);
        f.put("victimTouched", 0);
        Figures.record("hostile-input-" + this, f);
    }

    /**
     * Sends every case to both applications and asserts the same answer; a session-reporting path must
     * never show the victim's session. Returns the status each case got.
     */
    private Map<String, Integer> sendEachCaseWithAndWithoutTheLibrary(String victimSid) {
        List<String> differences = new ArrayList<>();
        Map<String, Integer> statuses = new LinkedHashMap<>();
        for (Map.Entry<String, List<byte[]>> c : cases().entrySet()) {
            RawHttp.Response without = RawHttp.get(bareBase, "echo", c.getValue());
            RawHttp.Response with = RawHttp.get(trackedBase, "echo", c.getValue());
            statuses.put(c.getKey(), with.status());
            if (!without.served().equals(with.served())) {
                differences.add(c.getKey() + ": without the library\n" + without.served() + "\nwith it\n" + with.served());
            }
            RawHttp.Response sid = RawHttp.get(trackedBase, "sid", c.getValue());
            assertEquals(RawHttp.get(bareBase, "sid", c.getValue()).status(), sid.status(), c.getKey());
            if (sid.status() == 200) {
                assertNotEquals(victimSid, sid.body(), c.getKey() + " reached the victim's session");
            }
        }
        assertEquals(List.of(), differences);
        return statuses;
    }

    /** Every envelope readable by io.sentry, every session item inside the ingest's rules. */
    private List<Map<String, Object>> assertEverythingSentIsValid() {
        List<Map<String, Object>> all = new ArrayList<>();
        for (ReceivedEnvelope e : ingest.envelopes()) {
            SentryReader.read(e.body());
            assertEquals(e.payloads("session").size(), SentryReader.sessions(e.body()).size());
            all.addAll(e.payloads("session"));
        }
        assertFalse(all.isEmpty());
        Instant now = clock.instant();
        for (Map<String, Object> s : all) {
            assertTrue(((String) s.get("sid")).matches("[0-9a-f]{32}"), s::toString);
            assertTrue(STATUSES.contains(s.get("status")), s::toString);
            assertTrue(((Number) s.get("errors")).intValue() >= 0, s::toString);
            assertNull(IngestRules.releaseProblem(attr(s, "release")), s::toString);
            assertTrue(IngestRules.inTimeWindow(Instant.parse((String) s.get("started")),
                    Instant.parse((String) s.get("timestamp")), now), s::toString);
            String ua = attr(s, "user_agent");
            if (ua != null) {
                assertTrue(ua.length() <= MAX_USER_AGENT && !ua.isBlank(), "user agent of " + ua.length() + " chars");
                assertTrue(ua.chars().noneMatch(HostileInputContract::control), "control character in " + ua);
            }
            assertEquals("127.0.0.1", attr(s, "ip_address"), "the socket's address, never a forwarded header");
        }
        return all;
    }

    private static String attr(Map<String, Object> session, String name) {
        return (String) ((Map<?, ?>) session.get("attrs")).get(name);
    }

    static boolean control(int c) {
        return c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0);
    }

    /** Request header lines by case name; the bytes go out exactly as written here. */
    static Map<String, List<byte[]>> cases() {
        Map<String, List<byte[]>> c = new LinkedHashMap<>();
        String hostile = "Mozilla/5.0 (hostile) ";
        c.put("user agent of 16 KiB", List.of(ua(hostile + "A".repeat(16 * 1024))));
        c.put("user agent of 6 KiB", List.of(ua(hostile + "B".repeat(6 * 1024))));
        c.put("user agent with tabs", List.of(ua(hostile + "\t(X11;\tLinux)\t")));
        c.put("user agent with C0 controls", List.of(ua(hostile + "\u0001\u001b[31mred\u0007")));
        c.put("user agent with DEL", List.of(ua(hostile + "\u007f")));
        c.put("user agent with C1 and non-UTF-8 bytes", List.of(RawHttp.header("User-Agent",
                concat(RawHttp.ascii(hostile), new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF, (byte) 0xFE, (byte) 0x80,
                        (byte) 0x9B, (byte) 0x85, 'x'}))));
        c.put("user agent of spaces", List.of(ua(" ".repeat(64))));
        c.put("our cookie with controls", List.of(RawHttp.header("Cookie",
                RawHttp.ascii(Harness.COOKIE + "=\u0001\u0002abc; other=\u007fz"))));
        c.put("our cookie with non-UTF-8 bytes", List.of(RawHttp.header("Cookie",
                concat(RawHttp.ascii(Harness.COOKIE + "="), new byte[] {(byte) 0xFF, (byte) 0xFE, (byte) 0xC3, 0x28}))));
        c.put("60 cookies with our name", List.of(RawHttp.header("Cookie", RawHttp.ascii(manyCookies(60)))));
        c.put("20 cookie headers with our name", repeated(20));
        c.put("our cookie of 100 KiB", List.of(RawHttp.header("Cookie",
                RawHttp.ascii(Harness.COOKIE + "=" + "x".repeat(100 * 1024)))));
        c.put("bogus forwarded-for", List.of(ua(hostile + "xff"), RawHttp.header("X-Forwarded-For",
                RawHttp.ascii("999.999.1.1, <script>alert(1)</script>, ::::, 10.0.0.1\t"))));
        c.put("forwarded-for with controls", List.of(ua(hostile + "xff2"), RawHttp.header("X-Forwarded-For",
                RawHttp.ascii("\u0001\u0002 1.2.3.4"))));
        return c;
    }

    private static byte[] ua(String value) {
        return RawHttp.header("User-Agent", RawHttp.ascii(value));
    }

    private static String manyCookies(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : "; ").append(Harness.COOKIE).append('=')
                    .append(String.format("%022d", i)).append('.').append("A".repeat(43));
        }
        return b.toString();
    }

    private static List<byte[]> repeated(int n) {
        List<byte[]> lines = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            lines.add(RawHttp.header("Cookie", RawHttp.ascii(Harness.COOKIE + "=forged-" + i)));
        }
        return lines;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }
}
