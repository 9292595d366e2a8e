package dev.sessionhealth.containers;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** One user agent with its own cookie jar, talking real HTTP to the deployed application. */
final class Browser {

    /** A status and a body. */
    record Reply(int status, String body) {
    }

    private final String base;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient client;

    Browser(String base) {
        this.base = base;
        this.client = HttpClient.newBuilder()
                .cookieHandler(cookies)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    Reply get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    Reply post(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    /** The names of the cookies this browser keeps. */
    java.util.List<String> cookieNames() {
        return cookies.getCookieStore().getCookies().stream().map(java.net.HttpCookie::getName).toList();
    }

    /** The id of the session this browser is in now, as the application sees it. */
    String sessionId() throws IOException, InterruptedException {
        Reply reply = get("/api/session");
        if (reply.status() != 200) {
            throw new IllegalStateException("GET /api/session answered " + reply);
        }
        return reply.body().trim();
    }

    private Reply send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(request.timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body());
    }
}
