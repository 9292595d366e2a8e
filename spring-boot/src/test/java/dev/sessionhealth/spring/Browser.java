package dev.sessionhealth.spring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** One visitor with its own cookie jar and user agent; follows no redirects. */
final class Browser {

    private final HttpClient http;
    private final String base;
    private final String userAgent;

    Browser(int port, String userAgent) {
        this.http = HttpClient.newBuilder().cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
        this.base = "http://127.0.0.1:" + port;
        this.userAgent = userAgent;
    }

    int get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    int post(String path, String form) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    private int send(HttpRequest.Builder request) {
        try {
            return http.send(request.header("User-Agent", userAgent).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
