package dev.sessionhealth.internal.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The one cleaning of client-supplied user agents and addresses. */
class ClientTextTest {

    @Test
    void controlCharactersAndWhitespaceRunsBecomeOneSpace() {
        assertEquals("Mozilla/5.0 (X11; Linux) x", ClientText.userAgent("\tMozilla/5.0\u0001\u001b(X11;\t\tLinux)\u007f\u0085\u009bx \r\n"));
    }

    @Test
    void nothingButControlsOrSpacesIsNoUserAgent() {
        assertNull(ClientText.userAgent(" \t\u0000\u0080 "));
        assertNull(ClientText.userAgent(null));
    }

    @Test
    void longUserAgentIsCutWithoutSplittingASurrogatePair() {
        assertEquals(ClientText.MAX_USER_AGENT, ClientText.userAgent("a".repeat(20_000)).length());
        String emoji = "\uD83D\uDE00";
        String cut = ClientText.userAgent("a".repeat(ClientText.MAX_USER_AGENT - 1) + emoji + "tail");
        assertEquals(ClientText.MAX_USER_AGENT - 1, cut.length());
        assertEquals("ok " + emoji, ClientText.userAgent("ok " + emoji));
    }

    @Test
    void onlyLiteralAddressesAreKept() {
        assertEquals("127.0.0.1", ClientText.address("127.0.0.1"));
        assertEquals("fe80::1", ClientText.address("fe80::1%eth0"), "the ingest parses no zone");
        assertEquals("::1", ClientText.address("[::1]"), "nor brackets");
        assertEquals("2001:db8::ff00:42:8329", ClientText.address("2001:db8::ff00:42:8329"));
        assertNull(ClientText.address("<script>"));
        assertNull(ClientText.address("1.2.3.4, 5.6.7.8"));
        assertNull(ClientText.address("\u00011.2.3.4"));
        assertNull(ClientText.address(""));
        assertNull(ClientText.address("1".repeat(100)));
        assertNull(ClientText.address("cafe"), "hex letters alone are no address");
    }
}
