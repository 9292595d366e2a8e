package dev.sessionhealth.internal.cookie;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CookieSignerTest {

    private final CookieSigner signer = CookieSigner.withKey("a key of at least sixteen characters");

    @Test
    void issuedValuesVerifyToTheirIdAndIdsAreUnique() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            CookieSigner.Issued issued = signer.issue();
            assertEquals(CookieSigner.VALUE_CHARS, issued.value().length());
            assertEquals(issued.id(), signer.verify(issued.value()));
            ids.add(issued.id());
        }
        assertEquals(1000, ids.size());
    }

    @Test
    void anotherKeyOrAnyChangedCharacterIsRefused() {
        String value = signer.issue().value();
        assertNull(CookieSigner.withKey("another key of sixteen characters").verify(value));
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            for (char other : new char[] {'A', 'B', 'g', '-', '_', '.', '0'}) {
                if (other != c) {
                    String changed = value.substring(0, i) + other + value.substring(i + 1);
                    assertNull(signer.verify(changed), changed);
                }
            }
        }
    }

    @Test
    void malformedValuesAreRefused() {
        String value = signer.issue().value();
        for (String bad : new String[] {null, "", ".", value + "A", value.substring(1), "x".repeat(4096),
                value.replace('.', '-'), value.substring(0, 22)}) {
            assertNull(signer.verify(bad), bad);
        }
        assertNotEquals(value, signer.issue().value());
    }
}
