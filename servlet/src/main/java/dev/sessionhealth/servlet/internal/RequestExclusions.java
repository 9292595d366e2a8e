package dev.sessionhealth.servlet.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Traffic that is not a user: probe and metrics paths, methods such as {@code OPTIONS} and
 * {@code HEAD}, and probes and crawlers by user agent. Patterns: {@code /x/*} matches {@code /x}
 * and everything below it, {@code /x*} any path starting with {@code /x}, anything else exactly.
 * User agents match as case-insensitive substrings.
 *
 * <p>Path rules are grouped by the first segment of their path, so a request's path is compared
 * only with the rules of its own first segment (usually none): one hash lookup instead of a
 * comparison with each of the two dozen default patterns. In a busy server these strings are not in
 * the CPU cache between requests, and each comparison cost cache misses.
 */
public final class RequestExclusions {

    /** The rules whose paths share one first segment. */
    private record Rules(String[] exact, String[] prefixes) {
        boolean match(String path) {
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
            return false;
        }
    }

    private final Map<String, Rules> bySegment;
    /** {@code /x*} patterns (and {@code /*}): not bound to a segment, compared with every path. */
    private final String[] loosePrefixes;
    private final AgentVerdicts agents;
    private final String[] methods;

    public RequestExclusions(List<String> paths, List<String> userAgents, List<String> httpMethods) {
        Map<String, List<String>> exact = new HashMap<>();
        Map<String, List<String>> prefixes = new HashMap<>();
        List<String> loose = new ArrayList<>();
        for (String path : paths) {
            if (path.endsWith("/*")) {
                String base = path.substring(0, path.length() - 2);
                if (base.isEmpty()) {
                    loose.add("/");
                } else {
                    exact.computeIfAbsent(firstSegment(base), k -> new ArrayList<>()).add(base);
                    prefixes.computeIfAbsent(firstSegment(base), k -> new ArrayList<>()).add(base + "/");
                }
            } else if (path.endsWith("*")) {
                loose.add(path.substring(0, path.length() - 1));
            } else {
                exact.computeIfAbsent(firstSegment(path), k -> new ArrayList<>()).add(path);
            }
        }
        Map<String, Rules> rules = new HashMap<>();
        for (String segment : union(exact.keySet(), prefixes.keySet())) {
            rules.put(segment, new Rules(exact.getOrDefault(segment, List.of()).toArray(String[]::new),
                    prefixes.getOrDefault(segment, List.of()).toArray(String[]::new)));
        }
        this.bySegment = Map.copyOf(rules);
        this.loosePrefixes = loose.toArray(String[]::new);
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
        if (!bySegment.isEmpty()) {
            Rules rules = bySegment.get(firstSegment(path));
            if (rules != null && rules.match(path)) {
                return true;
            }
        }
        for (String x : loosePrefixes) {
            if (path.startsWith(x)) {
                return true;
            }
        }
        return userAgent != null && agents.excluded(userAgent);
    }

    /** {@code "q"} for {@code /q/health}, {@code ""} for {@code /}. */
    private static String firstSegment(String path) {
        int start = path.startsWith("/") ? 1 : 0;
        int end = path.indexOf('/', start);
        return path.substring(start, end < 0 ? path.length() : end);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }
}
