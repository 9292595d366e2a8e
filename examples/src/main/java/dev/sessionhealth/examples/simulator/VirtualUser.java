package dev.sessionhealth.examples.simulator;

import dev.sessionhealth.examples.app.Catalog;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.SplittableRandom;

/**
 * One simulated visitor with its own cookies: browses, maybe logs in, reads reviews (whose service
 * sometimes fails, which the application handles), maybe orders the book whose checkout has a bug
 * (an unhandled exception), and maybe logs out.
 */
final class VirtualUser {

    private final HttpClient http;
    private final URI base;
    private final SplittableRandom random;
    private final String name;
    private final SimulationCounters counters;
    private final long maxThinkMillis;
    private final CookieJar cookies = new CookieJar();

    VirtualUser(HttpClient http, URI base, long seed, String name, SimulationCounters counters, Duration maxThink) {
        this.http = http;
        this.base = base;
        this.maxThinkMillis = maxThink.toMillis();
        this.random = new SplittableRandom(seed); // well mixed even for consecutive seeds
        this.name = name;
        this.counters = counters;
    }

    void visit() throws InterruptedException {
        get("/");
        get("/rest/books");
        boolean loggedIn = random.nextDouble() < 0.6;
        if (loggedIn) {
            post("/rest/session/login?user=" + name);
        }
        for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
            get("/rest/books/" + (1 + random.nextInt(6)));
        }
        if (random.nextDouble() < 0.3) {
            get("/rest/books/" + Catalog.FLAKY_REVIEWS + "/reviews"); // handled error
        }
        if (random.nextDouble() < 0.4) {
            int book = random.nextDouble() < 0.15 ? Catalog.BUGGY_CHECKOUT : 1 + random.nextInt(5);
            post("/rest/orders?book=" + book); // the buggy book crashes the session
        }
        if (loggedIn && random.nextDouble() < 0.5) {
            post("/rest/session/logout");
        }
    }

    private void get(String path) throws InterruptedException {
        send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    private void post(String path) throws InterruptedException {
        send(HttpRequest.newBuilder(base.resolve(path)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    private void send(HttpRequest.Builder request) throws InterruptedException {
        if (maxThinkMillis > 0) {
            Thread.sleep(random.nextLong(maxThinkMillis)); // a person reads before clicking on
        }
        request.timeout(Duration.ofSeconds(10)).header("User-Agent", "sessionhealth-simulator/1.0 (" + name + ")");
        String cookie = cookies.header();
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        try {
            HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
            cookies.store(response);
            counters.answered(response.statusCode());
        } catch (java.io.IOException e) {
            counters.failed();
        }
    }
}
