package dev.sessionhealth.internal.cookie;

import java.util.Enumeration;

/**
 * Finds the values of one cookie in the request's {@code Cookie} headers without having the
 * container or the JAX-RS runtime build {@code Cookie} objects for every cookie the browser sends
 * (that is a visible part of each request's cost), and the same way for the servlet filter and the
 * JAX-RS hook. Pairs are separated by {@code ;}; spaces around names and values
 * and double quotes around a value are ignored. Every value found is only a candidate: the caller
 * checks its signature, so a header this reads differently from the container can cost the user
 * a new session, never give them someone else's. Values are handed over in place, as a range of the
 * header, so a request whose cookie is known copies nothing out of it.
 */
public final class CookieHeader {

    private CookieHeader() {
    }

    /** Looks at one candidate value: {@code header[from, to)}. */
    @FunctionalInterface
    public interface Check<T> {
        /** What the value stands for, or {@code null} to go on looking. */
        T check(String header, int from, int to);
    }

    /** The first non-null result of {@code check} for a value of cookie {@code name}, or {@code null}. */
    public static <T> T first(Enumeration<String> headers, String name, Check<T> check) {
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

    /** As {@link #first(Enumeration, String, Check)}, for headers as a list (JAX-RS hands them so). */
    public static <T> T firstInList(Iterable<String> headers, String name, Check<T> check) {
        if (headers == null) {
            return null;
        }
        for (String header : headers) {
            T found = inHeader(header, name, check);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    static <T> T inHeader(String header, String name, Check<T> check) {
        int length = header.length();
        for (int pair = 0; pair < length; ) {
            int end = header.indexOf(';', pair);
            end = end < 0 ? length : end;
            int at = skipSpaces(header, pair, end);
            if (header.startsWith(name, at)) {
                int eq = skipSpaces(header, at + name.length(), end);
                if (eq < end && header.charAt(eq) == '=') {
                    T found = value(header, eq + 1, end, check);
                    if (found != null) {
                        return found;
                    }
                }
            }
            pair = end + 1;
        }
        return null;
    }

    /** Trims spaces and one pair of double quotes around {@code header[from, end)}, and checks the rest. */
    private static <T> T value(String header, int from, int end, Check<T> check) {
        int start = skipSpaces(header, from, end);
        int stop = end;
        while (stop > start && header.charAt(stop - 1) == ' ') {
            stop--;
        }
        if (stop - start >= 2 && header.charAt(start) == '"' && header.charAt(stop - 1) == '"') {
            start++;
            stop--;
        }
        return check.check(header, start, stop);
    }

    private static int skipSpaces(String s, int from, int end) {
        int i = from;
        while (i < end && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }
}
