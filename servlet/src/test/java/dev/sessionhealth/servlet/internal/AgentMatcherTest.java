package dev.sessionhealth.servlet.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AgentMatcherTest {

    private static final List<String> DEFAULTS = FilterOptions.EXCLUDE_USER_AGENTS.defaultValue();

    @Test
    void findsSubstringsAnywhereIgnoringCase() {
        AgentMatcher m = new AgentMatcher(List.of("kube-probe", "Googlebot", "Better Uptime"));
        assertTrue(m.matches("kube-probe/1.30"));
        assertTrue(m.matches("KUBE-PROBE/1.30"));
        assertTrue(m.matches("Mozilla/5.0 (compatible; googleBOT/2.1; +http://www.google.com/bot.html)"));
        assertTrue(m.matches("x better uptime"));
        assertTrue(m.matches("ends with Googlebot"));
        assertFalse(m.matches("kube-prob"));
        assertFalse(m.matches("Googlebo"));
        assertFalse(m.matches(""));
    }

    @Test
    void browsersAreNotProbes() {
        AgentMatcher m = new AgentMatcher(DEFAULTS);
        assertFalse(m.matches("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
                + "Chrome/131.0.0.0 Safari/537.36"));
        assertFalse(m.matches("Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 "
                + "(KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1"));
        assertTrue(m.matches("Prometheus/2.51.0"));
        assertTrue(m.matches("Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2)"));
    }

    @Test
    void nothingMatchesWithoutSubstrings() {
        assertFalse(new AgentMatcher(List.of()).matches("kube-probe/1.30"));
    }

    @Test
    void nonAsciiSubstringsAndAgentsMatchLikeALowerCaseSearch() {
        AgentMatcher m = new AgentMatcher(List.of("Überwachung", "bot"));
        assertTrue(m.matches("Dienst-ÜBERWACHUNG/1.0"));
        assertTrue(m.matches("Ärger-Bot"));
        assertFalse(m.matches("Überwach"));
        assertTrue(new AgentMatcher(List.of("kube-probe")).matches("\u212Aube-probe/1.30"), "Kelvin sign folds to k");
        assertTrue(new AgentMatcher(List.of("a\u00e9b")).matches("xA\u00c9B"), "non-ASCII second character");
        assertTrue(new AgentMatcher(List.of("kube-probe")).matches("\u2603 KUBE-PROBE"), "beyond Latin-1");
        assertFalse(new AgentMatcher(List.of("kube-probe")).matches("\u2603 kube-pro?be"), "beyond Latin-1");
        assertTrue(new AgentMatcher(List.of("bot")).matches("a?bot"), "a question mark");
    }

    @Test
    void agreesWithLowerCaseContainsOnRandomAgents() {
        AgentMatcher m = new AgentMatcher(DEFAULTS);
        Random random = new Random(42);
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 /.;()-_";
        int matched = 0;
        for (int n = 0; n < 20_000; n++) {
            StringBuilder b = new StringBuilder();
            int length = random.nextInt(60);
            for (int i = 0; i < length; i++) {
                b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            if (random.nextInt(4) == 0) { // plant a (case-mangled, maybe cut) default somewhere
                String planted = DEFAULTS.get(random.nextInt(DEFAULTS.size()));
                planted = planted.substring(0, planted.length() - random.nextInt(2));
                b.insert(random.nextInt(b.length() + 1), random.nextBoolean() ? planted.toUpperCase(Locale.ROOT) : planted);
            }
            String ua = b.toString();
            boolean expected = DEFAULTS.stream().anyMatch(a -> ua.toLowerCase(Locale.ROOT).contains(a.toLowerCase(Locale.ROOT)));
            assertEquals(expected, m.matches(ua), ua);
            matched += expected ? 1 : 0;
        }
        assertTrue(matched > 2_000, "the planted agents were found: " + matched);
    }
}
