package dev.sessionhealth.internal.cookie;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.ArrayList;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class HmacSha256Test {

    @Test
    void givesWhatTheJdksHmacGivesForKeysShorterAndLongerThanABlock() throws Exception {
        Random random = new Random(7);
        for (int keyLength : new int[] {1, 16, 31, 63, 64, 65, 100, 200}) {
            for (int messageLength : new int[] {0, 1, 22, 55, 56, 64, 100}) {
                byte[] key = new byte[keyLength];
                byte[] message = new byte[messageLength];
                random.nextBytes(key);
                random.nextBytes(message);
                Mac jdk = Mac.getInstance("HmacSHA256");
                jdk.init(new SecretKeySpec(key, "HmacSHA256"));
                assertArrayEquals(jdk.doFinal(message), new HmacSha256(key).mac(message),
                        "key " + keyLength + " bytes, message " + messageLength + " bytes");
            }
        }
    }

    @Test
    void matchesRfc4231TestCase2() {
        byte[] mac = new HmacSha256("Jefe".getBytes()).mac("what do ya want for nothing?".getBytes());
        assertEquals("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", HexFormat.of().formatHex(mac));
    }

    @Test
    void oneInstanceServesManyThreadsAtOnce() throws Exception {
        HmacSha256 shared = new HmacSha256("a key for every thread".getBytes());
        Mac jdk = Mac.getInstance("HmacSHA256");
        jdk.init(new SecretKeySpec("a key for every thread".getBytes(), "HmacSHA256"));
        byte[][] expected = new byte[64][];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = jdk.doFinal(("message " + i).getBytes());
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(pool.submit(() -> {
                    int wrong = 0;
                    for (int n = 0; n < 5_000; n++) {
                        int i = n % expected.length;
                        wrong += java.util.Arrays.equals(expected[i], shared.mac(("message " + i).getBytes())) ? 0 : 1;
                    }
                    return wrong;
                }));
            }
            for (Future<Integer> r : results) {
                assertEquals(0, r.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void cookieSignerAcceptsItsOwnValuesOnlyUnchangedAndOnlyWithItsKey() {
        CookieSigner signer = CookieSigner.withKey("0123456789abcdef-key");
        CookieSigner.Issued issued = signer.issue();
        assertEquals(issued.id(), signer.verify(issued.value()));
        String value = issued.value();
        for (int i = 0; i < value.length(); i++) {
            if (i == CookieSigner.ID_CHARS) {
                continue;
            }
            char swapped = value.charAt(i) == 'A' ? 'B' : 'A';
            String tampered = value.substring(0, i) + swapped + value.substring(i + 1);
            assertNotEquals(issued.id(), signer.verify(tampered), "changed at " + i);
            assertNull(signer.verify(tampered), "changed at " + i);
        }
        assertNull(CookieSigner.withKey("another key, 16+ chars").verify(value));
        assertNull(signer.verify(value + "A"));
        assertNull(signer.verify(value.substring(1)));
    }
}
