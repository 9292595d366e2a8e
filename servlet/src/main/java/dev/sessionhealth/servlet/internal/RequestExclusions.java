package dev.sessionhealth.servlet.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Traffic that is not a user: probe and metrics paths, methods such as {@code OPTIONS} and
 * {@code HEAD}, and probes and crawlers by user agent. Patterns: {@code /x/*} matches {@code /x}
 * and everything below it, {@code /x*} any path starting with {@code /x}, anything else exactly.
 * User agents match as case-insensitive substrings.
 */
public final class RequestExclusions {

    private final String[] exact;
    private final String[] prefixes;
    private final String[] agents;
    private final String[] methods;
    /**
     * Verdicts of recently seen user agents, by hash: real traffic has few distinct agents, so most
     * requests skip the substring search. Lossy and lock-free: a slot holds an immutable pair, a
     * collision just overwrites it, and the array bounds the memory.
     */
    private final AgentVerdict[] recent = new AgentVerdict[1024];

    public RequestExclusions(List<String> paths, List<String> userAgents, List<String> httpMethods) {
        List<String> e = new ArrayList<>();
        List<String> p = new ArrayList<>();
        for (String path : paths) {
            if (path.endsWith("/*")) {
                String base = path.substring(0, path.length() - 2);
                e.add(base.isEmpty() ? "/" : base);
                p.add(base + "/");
            } else if (path.endsWith("*")) {
                p.add(path.substring(0, path.length() - 1));
            } else {
                e.add(path);
            }
        }
        this.exact = e.toArray(String[]::new);
        this.prefixes = p.toArray(String[]::new);
        this.agents = userAgents.stream().map(a -> a.toLowerCase(Locale.ROOT)).toArray(String[]::new);
        this.methods = httpMethods.stream().map(m -> m.toUpperCase(Locale.ROOT)).toArray(String[]::new);
    }

    /**
     * @param method the HTTP method
     * @param path the path inside the web application (request URI without the context path)
     * @param userAgent the {@code User-Agent} header, or {@code null}
     */
    public boolean excludes(String method, String path, String userAgent) {
        for (String m : methods) {
            if (m.equals(method)) {
                return true;
            }
        }
        for (String x : exact) {
            if (x.equals(path)) {
                return true;
            }
        }
        for (String x : prefixes) {
            if (path.startsWith(x)) {
                return true;
            }
        }
        return userAgent != null && agentExcluded(userAgent);
    }

    private boolean agentExcluded(String userAgent) {
        if (agents.length == 0) {
            return false;
        }
        int slot = userAgent.hashCode() & (recent.length - 1);
        AgentVerdict seen = recent[slot];
        if (seen != null && seen.userAgent().equals(userAgent)) {
            return seen.excluded();
        }
        boolean excluded = search(userAgent);
        if (userAgent.length() <= 512) {
            recent[slot] = new AgentVerdict(userAgent, excluded);
        }
        return excluded;
    }

    private boolean search(String userAgent) {
        String ua = userAgent.toLowerCase(Locale.ROOT);
        for (String a : agents) {
            if (ua.contains(a)) {
                return true;
            }
        }
        return false;
    }

    private record AgentVerdict(String userAgent, boolean excluded) {
    }
}
