package dev.sessionhealth.examples.simulator;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The cookies of one virtual user on one host: enough of RFC 6265 for the demo's own cookies. */
final class CookieJar {

    private final Map<String, String> cookies = new LinkedHashMap<>();

    void store(HttpResponse<?> response) {
        for (String header : response.headers().allValues("Set-Cookie")) {
            String pair = header.split(";", 2)[0];
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String name = pair.substring(0, eq).trim();
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.contains("max-age=0") || lower.contains("expires=thu, 01 jan 1970")) {
                cookies.remove(name);
            } else {
                cookies.put(name, pair.substring(eq + 1).trim());
            }
        }
    }

    /** The {@code Cookie} header value, or {@code null} without cookies. */
    String header() {
        if (cookies.isEmpty()) {
            return null;
        }
        return cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; "));
    }
}
