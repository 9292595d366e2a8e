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
        /** Whether {@code uri[from..]} matches one of these rules. */
        boolean match(String uri, int from) {
            int length = uri.length() - from;
            for (String x : exact) {
                if (x.length() == length && uri.startsWith(x, from)) {
                    return true;
                }
            }
            for (String x : prefixes) {
                if (uri.startsWith(x, from)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * The rules by first segment: an open-addressed table (power-of-two size, at most half full), so
     * that a segment is looked up where it lies in the request URI, without copying it out.
     */
    private final String[] segments;
    private final Rules[] segmentRules;
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
        int size = Integer.highestOneBit(Math.max(1, rules.size()) * 2) * 2;
        this.segments = new String[size];
        this.segmentRules = new Rules[size];
        for (Map.Entry<String, Rules> e : rules.entrySet()) {
            int slot = hash(e.getKey(), 0, e.getKey().length()) & (size - 1);
            while (segments[slot] != null) {
                slot = (slot + 1) & (size - 1);
            }
            segments[slot] = e.getKey();
            segmentRules[slot] = e.getValue();
        }
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
        return excludes(method, path, 0, userAgent);
    }

    /**
     * As {@link #excludes(String, String, String)} for the path {@code uri[from..]} (the request URI
     * after the context path; an empty rest is {@code /}), read in place.
     */
    public boolean excludes(String method, String uri, int from, String userAgent) {
        if (from >= uri.length()) {
            return excludes(method, "/", 0, userAgent);
        }
        for (String m : methods) {
            if (m.equals(method)) {
                return true;
            }
        }
        Rules rules = rulesOfFirstSegment(uri, from);
        if (rules != null && rules.match(uri, from)) {
            return true;
        }
        for (String x : loosePrefixes) {
            if (uri.startsWith(x, from)) {
                return true;
            }
        }
        return userAgent != null && agents.excluded(userAgent);
    }

    private Rules rulesOfFirstSegment(String uri, int from) {
        int start = uri.startsWith("/", from) ? from + 1 : from;
        int end = uri.indexOf('/', start);
        end = end < 0 ? uri.length() : end;
        int length = end - start;
        int mask = segments.length - 1;
        for (int slot = hash(uri, start, end) & mask; segments[slot] != null; slot = (slot + 1) & mask) {
            String s = segments[slot];
            if (s.length() == length && uri.startsWith(s, start)) {
                return segmentRules[slot];
            }
        }
        return null;
    }

    private static int hash(String s, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + s.charAt(i);
        }
        return h ^ (h >>> 16);
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
