package dev.sessionhealth.jcache;

import dev.sessionhealth.testing.Browser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;

/** One user of the cluster: a browser whose cookie any node set, sent to whichever node it asks. */
final class Visitor {

    private final Browser browser;

    Visitor(HttpClient http) {
        this.browser = new Browser(http, URI.create("http://127.0.0.1/"));
    }

    /** GETs {@code path} on the node at {@code base}: the status and the body (the sid). */
    HttpResponse<String> get(URI base, String path) {
        return browser.get(base.resolve(path).toString());
    }
}
