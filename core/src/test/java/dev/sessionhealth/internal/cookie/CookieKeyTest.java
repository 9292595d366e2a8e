package dev.sessionhealth.internal.cookie;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.sessionhealth.SessionManager;
import dev.sessionhealth.SessionOptions;
import dev.sessionhealth.Transport;
import dev.sessionhealth.internal.RequestSessions;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

class CookieKeyTest {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private static String value(byte[] id, byte[] mac) {
        return B64.encodeToString(id) + "." + B64.encodeToString(mac);
    }

    @Test
    void equalValuesGiveEqualKeysAndEveryBitOfIdAndSignatureCounts() {
        byte[] id = new byte[16];
        byte[] mac = new byte[32];
        ThreadLocalRandom.current().nextBytes(id);
        ThreadLocalRandom.current().nextBytes(mac);
        CookieKey key = CookieKey.parse(value(id, mac));
        assertNotNull(key);
        assertEquals(java.util.HexFormat.of().formatHex(id), key.sharedId(), "the id's bits, in order");
        assertEquals(key, CookieKey.parse(value(id.clone(), mac.clone())));
        assertEquals(key.hashCode(), CookieKey.parse(value(id, mac)).hashCode());
        for (int bit = 0; bit < 8 * (id.length + mac.length); bit++) {
            byte[] i = id.clone();
            byte[] m = mac.clone();
            byte[] target = bit < 128 ? i : m;
            int b = bit < 128 ? bit : bit - 128;
            target[b / 8] ^= (byte) (1 << (b % 8));
            CookieKey flipped = CookieKey.parse(value(i, m));
            assertNotNull(flipped, "bit " + bit);
            assertNotEquals(key, flipped, "bit " + bit);
        }
    }

    @Test
    void onlyTheCanonicalSpellingIsAccepted() {
        String value = CookieSigner.withRandomKey().issue().value();
        assertNotNull(CookieKey.parse(value));
        String id = value.substring(0, CookieSigner.ID_CHARS);
        String mac = value.substring(CookieSigner.ID_CHARS + 1);
        // the id's last character carries 2 bits and 4 unused ones; the signature's 4 bits and 2 unused
        for (int unused = 1; unused < 16; unused++) {
            char c = alphabet(index(id.charAt(21)) | unused);
            assertNull(CookieKey.parse(id.substring(0, 21) + c + "." + mac), "id ending " + c);
        }
        for (int unused = 1; unused < 4; unused++) {
            char c = alphabet(index(mac.charAt(42)) | unused);
            assertNull(CookieKey.parse(id + "." + mac.substring(0, 42) + c), "signature ending " + c);
        }
    }

    @Test
    void aValueReadInPlaceFromAHeaderGivesTheSameKey() {
        String value = CookieSigner.withRandomKey().issue().value();
        String header = "a=b; sessionhealth=" + value + "; c=d";
        int from = header.indexOf(value);
        assertEquals(CookieKey.parse(value), CookieKey.parse(header, from, from + value.length()));
        assertNull(CookieKey.parse(header, from, from + value.length() - 1));
        assertNull(CookieKey.parse(header, from - 1, from + value.length() - 1), "shifted by one");
    }

    @Test
    void malformedValuesGiveNoKey() {
        String value = CookieSigner.withRandomKey().issue().value();
        for (String bad : new String[] {null, "", ".", value + "A", value.substring(1), value.replace('.', '-'),
                value.substring(0, 22), "+" + value.substring(1), value.substring(0, 30) + "/" + value.substring(31),
                value.substring(0, 5) + "\u00e9" + value.substring(6), value.substring(0, 5) + "=" + value.substring(6)}) {
            assertNull(CookieKey.parse(bad), bad);
        }
    }

    @Test
    void aKnownKeyIsAcceptedWithoutACheckAndAnUnknownOneOnlyWithTheRightSignature() {
        CookieSigner signer = CookieSigner.withKey("a key of at least sixteen characters");
        CookieSigner otherKey = CookieSigner.withKey("another key of sixteen characters");
        Transport discard = envelope -> new Transport.Response(200, null, null);
        SessionOptions options = SessionOptions.builder().release("test@1").persistence(false).build();
        try (SessionManager manager = SessionManager.builder(options).transport(discard).build()) {
            RequestSessions sessions = RequestSessions.of(manager, "test");
            String genuine = "a=b; sessionhealth=" + signer.issue().value();
            int from = genuine.indexOf('=', 4) + 1;
            int to = genuine.length();
            CookieKey key = CookieKey.parse(genuine.substring(from));
            assertEquals(key, signer.keyOf(genuine, from, to, sessions));
            assertNull(otherKey.keyOf(genuine, from, to, sessions), "signed with another key and not known");

            sessions.open(key, null, null, null);
            assertEquals(key, otherKey.keyOf(genuine, from, to, sessions), "known: checked when it was stored");

            String wrong = genuine.substring(0, from + CookieSigner.ID_CHARS + 1) + "A".repeat(43);
            assertNull(signer.keyOf(wrong, from, to, sessions), "same id, wrong signature, while the id's session is open");
            assertNull(signer.keyOf(genuine, from, to - 1, sessions), "malformed");
        }
    }

    private static int index(char c) {
        return "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".indexOf(c);
    }

    private static char alphabet(int i) {
        return "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".charAt(i);
    }
}
