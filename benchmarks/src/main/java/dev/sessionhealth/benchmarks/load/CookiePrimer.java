package dev.sessionhealth.benchmarks.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Makes each simulated user's cookie the way a browser would: one request without cookies per
 * user, keeping what the server set ({@code sessionhealth=...} in cookie mode, {@code JSESSIONID=...}
 * in HTTP-session mode). Where the server sets no cookie (bare, pass-through, request mode) the user
 * gets an application-like cookie of the same size, so every variant parses the same header load.
 */
final class CookiePrimer {

    private static final int IN_FLIGHT = 32;

    private CookiePrimer() {
    }

    static void prime(URI target, int users, Path file) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        List<String> cookies = new ArrayList<>(users);
        for (int from = 0; from < users; from += IN_FLIGHT) {
            List<CompletableFuture<HttpResponse<Void>>> batch = new ArrayList<>();
            for (int i = from; i < Math.min(users, from + IN_FLIGHT); i++) {
                HttpRequest request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(30)).GET().build();
                batch.add(http.sendAsync(request, HttpResponse.BodyHandlers.discarding()));
            }
            for (CompletableFuture<HttpResponse<Void>> f : batch) {
                HttpResponse<Void> response = f.join();
                if (response.statusCode() != 200) {
                    throw new IOException("priming request answered " + response.statusCode());
                }
                cookies.add(cookieOf(response));
            }
        }
        Files.write(file, cookies, StandardCharsets.US_ASCII);
    }

    private static String cookieOf(HttpResponse<Void> response) {
        List<String> set = response.headers().allValues("Set-Cookie");
        if (set.isEmpty()) {
            // as long as ours, name and value: Jetty's parser works per character of the header, and
            // through a per-connection header cache keyed by the line's prefix; "app=" (until
            // 2026-11-28) gave the bare server 10 characters less to parse per request
            return "appsessionkey=" + randomToken(66);
        }
        StringBuilder b = new StringBuilder();
        for (String header : set) {
            int semicolon = header.indexOf(';');
            b.append(b.length() == 0 ? "" : "; ").append(semicolon < 0 ? header : header.substring(0, semicolon));
        }
        return b.toString();
    }

    private static String randomToken(int length) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append(alphabet.charAt(ThreadLocalRandom.current().nextInt(alphabet.length())));
        }
        return b.toString();
    }
}
