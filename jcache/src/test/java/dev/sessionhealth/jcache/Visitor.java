package dev.sessionhealth.jcache;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** One user of the cluster: keeps the session cookie whichever node set it, and sends it to any node. */
final class Visitor {

    private final HttpClient http;
    private volatile String cookie;

    Visitor(HttpClient http) {
        this.http = http;
    }

    /** GETs {@code path} on the node at {@code base}; returns the status and the body (the sid). */
    HttpResponse<String> get(URI base, String path) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
        if (cookie != null) {
            b.header("Cookie", "sessionhealth=" + cookie);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        for (String set : r.headers().allValues("set-cookie")) {
            if (set.startsWith("sessionhealth=")) {
                int end = set.indexOf(';');
                cookie = set.substring("sessionhealth=".length(), end < 0 ? set.length() : end);
            }
        }
        return r;
    }
}
