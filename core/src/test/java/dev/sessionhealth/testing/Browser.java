package dev.sessionhealth.testing;

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
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One browser for tests, over the JDK's HTTP client: its own cookie jar (a real {@link CookieManager}
 * that keeps what the server sets and sends it back), a user agent and any headers it sends with every
 * request, and real HTTP to an application under {@code base}. It follows no redirects, so a test
 * sees each answer (a 302 is a 302).
 *
 * <p>Paths resolve against {@code base} as links do ({@link URI#resolve}): {@code "app/sid"} under a
 * base ending in {@code /}, {@code "/hello"} from the server's root. Requests never throw checked
 * exceptions, so they fit in lambdas and other threads: an I/O failure is an
 * {@link UncheckedIOException}. A browser can be used from several threads; each has its own jar,
 * and many browsers can share one {@link HttpClient} (the jar is the browser's, not the client's).
 */
public final class Browser {

    /** The user agent a browser sends unless told otherwise: a desktop browser's, not a bot's. */
    public static final String USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) sessionhealth-test";

    private final HttpClient http;
    private final URI base;
    private final CookieManager jar = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final Map<String, String> headers = new ConcurrentHashMap<>();
    private final AtomicReference<String> forged = new AtomicReference<>();
    private volatile Duration timeout = Duration.ofSeconds(30);

    /** A browser with its own HTTP client. */
    public Browser(URI base) {
        this(client(), base);
    }

    /** A browser with its own cookies on a shared client (many visitors need not make many clients). */
    public Browser(HttpClient http, URI base) {
        this.http = Objects.requireNonNull(http);
        this.base = Objects.requireNonNull(base);
        headers.put("User-Agent", USER_AGENT);
    }

    /** An HTTP client for browsers to share: a 10 s connect timeout, no redirects, no cookie handler of its own. */
    public static HttpClient client() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    // ---- what every request carries ----

    public Browser userAgent(String value) {
        return header("User-Agent", value);
    }

    /** Sends this header with every following request; {@code null} stops sending it. */
    public Browser header(String name, String value) {
        if (value == null) {
            headers.remove(name);
        } else {
            headers.put(name, value);
        }
        return this;
    }

    /** How long each request may take (30 s unless set). */
    public Browser timeout(Duration value) {
        this.timeout = Objects.requireNonNull(value);
        return this;
    }

    // ---- requests ----

    /** GET; any status. */
    public HttpResponse<String> get(String path) {
        return send("GET", path);
    }

    /** GET, expecting 200: the body; fails with the status and the body on any other answer. */
    public String getOk(String path) {
        HttpResponse<String> r = get(path);
        if (r.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    /** POST without a body; any status. */
    public HttpResponse<String> post(String path) {
        return send("POST", path);
    }

    /** POST of a form ({@code application/x-www-form-urlencoded}, e.g. {@code "user=alice&password=secret"}); any status. */
    public HttpResponse<String> post(String path, String form) {
        return send("POST", path, HttpRequest.BodyPublishers.ofString(form), "application/x-www-form-urlencoded");
    }

    /** Any method without a body; any status. */
    public HttpResponse<String> send(String method, String path) {
        return send(method, path, HttpRequest.BodyPublishers.noBody(), null);
    }

    private HttpResponse<String> send(String method, String path, HttpRequest.BodyPublisher body, String contentType) {
        URI uri = base.resolve(path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).method(method, body).timeout(timeout);
        headers.forEach(request::header);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            String cookieHeader = forged.getAndSet(null);
            if (cookieHeader == null) {
                cookieHeader = cookieHeader(uri);
            }
            if (cookieHeader != null) {
                request.header("Cookie", cookieHeader);
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            jar.put(uri, response.headers().map());
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + uri + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + method + " " + uri, e);
        }
    }

    /** What the jar sends to {@code uri}, or {@code null}. */
    private String cookieHeader(URI uri) throws IOException {
        List<String> values = jar.get(uri, Map.of()).getOrDefault("Cookie", List.of());
        return values.isEmpty() ? null : String.join("; ", values);
    }

    // ---- cookies ----

    /** The value of the cookie with this name in the jar, or {@code null}. */
    public String cookie(String name) {
        for (HttpCookie c : jar.getCookieStore().getCookies()) {
            if (c.getName().equals(name)) {
                return c.getValue();
            }
        }
        return null;
    }

    /** The names of the cookies in the jar. */
    public List<String> cookieNames() {
        return jar.getCookieStore().getCookies().stream().map(HttpCookie::getName).toList();
    }

    /** Puts a cookie in the jar as if the server under {@code base} had set it ({@code Path=/}). */
    public Browser setCookie(String name, String value) {
        try {
            jar.put(base, Map.of("Set-Cookie", List.of(name + "=" + value + "; Path=/")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Throws the cookies with this name out of the jar. */
    public Browser removeCookie(String name) {
        for (HttpCookie c : jar.getCookieStore().getCookies()) {
            if (c.getName().equals(name)) {
                jar.getCookieStore().remove(base, c);
            }
        }
        return this;
    }

    /** Empties the jar. */
    public Browser clearCookies() {
        jar.getCookieStore().removeAll();
        return this;
    }

    /**
     * Sends {@code name=value} as the whole {@code Cookie} header of the next request only, instead of
     * the jar's (a client forging a cookie); what the server sets in answer goes to the jar as usual.
     */
    public Browser forgeCookie(String name, String value) {
        forged.set(name + "=" + value);
        return this;
    }
}
