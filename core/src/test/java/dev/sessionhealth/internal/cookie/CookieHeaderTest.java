package dev.sessionhealth.internal.cookie;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class CookieHeaderTest {

    /** Accepts only values starting with "ok", and records every candidate it was shown. */
    private final List<String> seen = new ArrayList<>();

    private String check(String header, int from, int to) {
        String value = header.substring(from, to);
        seen.add(value);
        return value.startsWith("ok") ? value : null;
    }

    private String first(String... headers) {
        return CookieHeader.first(Collections.enumeration(List.of(headers)), "sh", this::check);
    }

    @Test
    void findsOurCookieAmongOthersWithOrWithoutSpacesAndQuotes() {
        assertEquals("ok1", first("sh=ok1"));
        assertEquals("ok2", first("a=b; sh=ok2; c=d"));
        assertEquals("ok3", first("a=b;sh=ok3"));
        assertEquals("ok4", first("a=b;  sh = ok4 ;c=d"));
        assertEquals("ok5", first("sh=\"ok5\""));
        assertEquals("ok6", first("a=b", "sh=ok6"));
    }

    @Test
    void triesEveryValueOfOurNameUntilOneChecksOut() {
        assertEquals("ok2", first("sh=forged; sh=ok2"));
        assertEquals(List.of("forged", "ok2"), seen);
    }

    @Test
    void otherNamesAndMalformedPairsAreNotCandidates() {
        assertNull(first("shx=ok1; xsh=ok2; s=ok3; sh; =ok4; sh ok5"));
        assertEquals(List.of(), seen);
        assertNull(first(""));
        assertNull(CookieHeader.first(null, "sh", this::check));
    }

    @Test
    void headersAsAListAreReadAlike() {
        assertEquals("ok2", CookieHeader.firstInList(List.of("a=b", "sh=forged; sh=ok2"), "sh", this::check));
        assertEquals(List.of("forged", "ok2"), seen);
        assertNull(CookieHeader.firstInList(null, "sh", this::check));
    }

    @Test
    void anEmptyValueIsStillOnlyACandidate() {
        assertNull(first("sh=; sh=\"\""));
        assertEquals(List.of("", ""), seen);
    }
}
