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
    private final AgentVerdicts agents;
    private final String[] methods;

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
        this.agents = new AgentVerdicts(new AgentMatcher(userAgents));
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
        return userAgent != null && agents.excluded(userAgent);
    }
}
