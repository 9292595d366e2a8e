package dev.sessionhealth.servlet.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AgentVerdictsTest {

    private static final List<String> DEFAULTS = FilterOptions.EXCLUDE_USER_AGENTS.defaultValue();

    @Test
    void rememberedVerdictsAreTheMatchersForEqualAndCollidingUserAgents() {
        AgentMatcher matcher = new AgentMatcher(DEFAULTS);
        AgentVerdicts verdicts = new AgentVerdicts(matcher);
        Random random = new Random(3);
        List<String> agents = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) { // far more than the table has slots: many share one
            String probe = DEFAULTS.get(random.nextInt(DEFAULTS.size()));
            agents.add(random.nextBoolean() ? "Mozilla/5.0 build " + i : "x " + probe + "/" + i);
        }
        for (int round = 0; round < 3; round++) {
            for (int n = 0; n < 10_000; n++) {
                String ua = agents.get(random.nextInt(agents.size()));
                String copy = new String(ua); // equal, not the same instance (another request's header)
                assertEquals(matcher.matches(ua), verdicts.excluded(ua), ua);
                assertEquals(matcher.matches(ua), verdicts.excluded(copy), ua);
            }
        }
    }

    @Test
    void longUserAgentsAreJudgedEveryTime() {
        AgentVerdicts verdicts = new AgentVerdicts(new AgentMatcher(DEFAULTS));
        String longBrowser = "Mozilla/5.0 " + "x".repeat(2_000);
        assertFalse(verdicts.excluded(longBrowser));
        assertFalse(verdicts.excluded(longBrowser));
        assertTrue(verdicts.excluded(longBrowser + " Googlebot"));
    }
}
