package dev.sessionhealth.servlet.internal;

/**
 * Remembers the verdict for recently seen user agents, so the common case (a few hundred browser
 * versions send almost all requests) costs a hash and an equals instead of a scan of the header.
 * A fixed table of 256 slots, one user agent each, chosen by hash: bounded whatever clients send (a
 * new user agent only replaces another one's slot). Entries are immutable, so racing writers at
 * worst replace each other's entry; no lock is taken.
 */
final class AgentVerdicts {

    private static final int SLOTS = 256;
    /** Longer user agents are matched every time rather than kept. */
    private static final int MAX_KEPT_LENGTH = 512;

    private final AgentMatcher matcher;
    private final Verdict[] slots = new Verdict[SLOTS];

    AgentVerdicts(AgentMatcher matcher) {
        this.matcher = matcher;
    }

    boolean excluded(String userAgent) {
        int slot = spread(userAgent.hashCode()) & (SLOTS - 1);
        Verdict v = slots[slot];
        if (v != null && (v.userAgent == userAgent || v.userAgent.equals(userAgent))) {
            return v.excluded;
        }
        boolean excluded = matcher.matches(userAgent);
        if (userAgent.length() <= MAX_KEPT_LENGTH) {
            slots[slot] = new Verdict(userAgent, excluded);
        }
        return excluded;
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }

    /** One user agent and whether it is excluded; immutable (final fields), so safely shared. */
    private static final class Verdict {
        final String userAgent;
        final boolean excluded;

        Verdict(String userAgent, boolean excluded) {
            this.userAgent = userAgent;
            this.excluded = excluded;
        }
    }
}
