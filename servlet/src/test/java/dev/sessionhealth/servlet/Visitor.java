package dev.sessionhealth.servlet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One browser: its own cookie jar (a real {@link CookieManager}) over a shared HTTP client, so a
 * thousand visitors do not need a thousand clients.
 */
final class Visitor {

    private final HttpClient http;
    private final URI base;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private String userAgent = "Mozilla/5.0 (X11; Linux x86_64) sessionhealth-test";
    private String user;
    private String lateUser;
    private String forged;
    private boolean secure;

    Visitor(HttpClient http, URI base) {
        this.http = http;
        this.base = base;
    }

    Visitor userAgent(String value) {
        this.userAgent = value;
        return this;
    }

    /** Marks the following requests as arriving over TLS (through the test's outer filter). */
    Visitor secure() {
        this.secure = true;
        return this;
    }

    /** Authenticates the following requests as this user ({@code null}: anonymous). */
    Visitor user(String value) {
        this.user = value;
        return this;
    }

    /** Authenticates the following requests as this user behind the session health filter ({@code null}: anonymous). */
    Visitor lateUser(String value) {
        this.lateUser = value;
        return this;
    }

    /** GET and return the body, failing on anything but the expected status. */
    String get(String path) {
        HttpResponse<String> r = send("GET", path);
        if (r.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    HttpResponse<String> send(String method, String path) {
        URI uri = base.resolve(path);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(30)).header("User-Agent", userAgent);
        if (user != null) {
            b.header("X-Test-User", user);
        }
        if (lateUser != null) {
            b.header("X-Test-Late-User", lateUser);
        }
        if (secure) {
            b.header("X-Test-Secure", "true");
        }
        try {
            if (forged != null) {
                b.header("Cookie", forged);
                forged = null;
            } else {
                addJarCookies(b, uri);
            }
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            cookies.put(uri, r.headers().map());
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void addJarCookies(HttpRequest.Builder b, URI uri) throws IOException {
        for (Map.Entry<String, List<String>> e : cookies.get(uri, Map.of()).entrySet()) {
                if (!e.getValue().isEmpty()) {
                b.header(e.getKey(), String.join("; ", e.getValue()));
            }
        }
    }

    /** The value of a cookie in the jar, or {@code null}. */
    String cookie(String name) {
        for (HttpCookie c : cookies.getCookieStore().getCookies()) {
            if (c.getName().equals(name)) {
                return c.getValue();
            }
        }
        return null;
    }

    /** Sends this {@code Cookie} header, instead of the jar's, with the next request only (a forging client). */
    void forge(String name, String value) {
        this.forged = name + "=" + value;
    }
}
