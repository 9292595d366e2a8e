package dev.sessionhealth.servlet.internal;

import java.util.ArrayList;
import java.util.HashMap;
import dev.sessionhealth.internal.config.Configuration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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

    /** The exclusions a configuration names (or the defaults). */
    static RequestExclusions of(Configuration config) {
        return new RequestExclusions(config.get(FilterOptions.EXCLUDE_PATHS),
                config.get(FilterOptions.EXCLUDE_USER_AGENTS), config.get(FilterOptions.EXCLUDE_METHODS));
    }

    public RequestExclusions(List<String> paths, List<String> userAgents, List<String> httpMethods) {
        Map<String, RuleLists> bySegment = new HashMap<>();
        List<String> loose = new ArrayList<>();
        for (String path : paths) {
            if (path.endsWith("/*")) {
                String base = path.substring(0, path.length() - 2);
                if (base.isEmpty()) {
                    loose.add("/");
                } else {
                    RuleLists lists = bySegment.computeIfAbsent(firstSegment(base), k -> new RuleLists());
                    lists.exact.add(base);
                    lists.prefixes.add(base + "/");
                }
            } else if (path.endsWith("*")) {
                loose.add(path.substring(0, path.length() - 1));
            } else {
                bySegment.computeIfAbsent(firstSegment(path), k -> new RuleLists()).exact.add(path);
            }
        }
        int size = Integer.highestOneBit(Math.max(1, bySegment.size()) * 2) * 2;
        this.segments = new String[size];
        this.segmentRules = new Rules[size];
        bySegment.forEach((segment, lists) -> {
            int slot = hash(segment, 0, segment.length()) & (size - 1);
            while (segments[slot] != null) {
                slot = (slot + 1) & (size - 1);
            }
            segments[slot] = segment;
            segmentRules[slot] = new Rules(lists.exact.toArray(String[]::new), lists.prefixes.toArray(String[]::new));
        });
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
    boolean excludes(String method, String uri, int from, String userAgent) {
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
        int start = segmentStart(uri, from);
        int end = segmentEnd(uri, start);
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

    /** Where the first segment of the path {@code s[from..]} starts: after its leading slash, if any. */
    private static int segmentStart(String s, int from) {
        return s.startsWith("/", from) ? from + 1 : from;
    }

    /** Where the segment starting at {@code start} ends: at the next slash, or the end. */
    private static int segmentEnd(String s, int start) {
        int end = s.indexOf('/', start);
        return end < 0 ? s.length() : end;
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
        int start = segmentStart(path, 0);
        return path.substring(start, segmentEnd(path, start));
    }

    /** The rules of one first segment while they are collected. */
    private static final class RuleLists {
        final List<String> exact = new ArrayList<>();
        final List<String> prefixes = new ArrayList<>();
    }
}
