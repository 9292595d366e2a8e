package dev.sessionhealth.servlet.internal;

import java.util.Enumeration;
import java.util.function.Function;

/**
 * Finds the values of one cookie in the request's {@code Cookie} headers without having the
 * container build {@code Cookie} objects for every cookie the browser sends (that was a visible
 * part of each request's cost). Pairs are separated by {@code ;}; spaces around names and values
 * and double quotes around a value are ignored. Every value found is only a candidate: the caller
 * checks its signature, so a header this reads differently from the container can cost the user
 * a new session, never give them someone else's.
 */
final class CookieHeader {

    private CookieHeader() {
    }

    /** The first non-null result of {@code check} for a value of cookie {@code name}, or {@code null}. */
    static <T> T first(Enumeration<String> headers, String name, Function<String, T> check) {
        if (headers == null) {
            return null;
        }
        while (headers.hasMoreElements()) {
            T found = inHeader(headers.nextElement(), name, check);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    static <T> T inHeader(String header, String name, Function<String, T> check) {
        int length = header.length();
        for (int pair = 0; pair < length; ) {
            int end = header.indexOf(';', pair);
            end = end < 0 ? length : end;
            int at = skipSpaces(header, pair, end);
            if (header.startsWith(name, at)) {
                int eq = skipSpaces(header, at + name.length(), end);
                if (eq < end && header.charAt(eq) == '=') {
                    T found = check.apply(value(header, eq + 1, end));
                    if (found != null) {
                        return found;
                    }
                }
            }
            pair = end + 1;
        }
        return null;
    }

    private static String value(String header, int from, int end) {
        int start = skipSpaces(header, from, end);
        int stop = end;
        while (stop > start && header.charAt(stop - 1) == ' ') {
            stop--;
        }
        if (stop - start >= 2 && header.charAt(start) == '"' && header.charAt(stop - 1) == '"') {
            start++;
            stop--;
        }
        return header.substring(start, stop);
    }

    private static int skipSpaces(String s, int from, int end) {
        int i = from;
        while (i < end && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }
}
