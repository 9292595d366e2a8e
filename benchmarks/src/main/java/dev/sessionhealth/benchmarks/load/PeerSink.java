package dev.sessionhealth.benchmarks.load;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;
import java.util.zip.GZIPInputStream;

/**
 * The endpoint a peer SDK (variants {@code bugsnag} and {@code sentry}) sends to, on 127.0.0.1: a JDK
 * {@code HttpServer} answering every request at once with the status the real service answers (Bugsnag
 * 202, Sentry 200: the Sentry SDK takes anything else for a failure). It counts what arrives, so that
 * the load target can show that the peer really sent: requests per path, and whatever the variant's
 * {@code inspect} counts in each body (gunzipped if sent gzipped), e.g. session items or started sessions.
 * {@code GET /counts} answers the counters so far as one line of text ({@link #countsLine()}), for
 * {@code load.sh}; those requests are not counted.
 */
final class PeerSink implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService threads;
    private final int status;
    private final BiConsumer<String, PeerSink> inspect;
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    private PeerSink(HttpServer server, ExecutorService threads, int status, BiConsumer<String, PeerSink> inspect) {
        this.server = server;
        this.threads = threads;
        this.status = status;
        this.inspect = inspect;
    }

    /**
     * @param status  the status every request is answered with
     * @param inspect counts what it finds in a request's body (the body as text, this sink for {@link #add})
     */
    static PeerSink start(int status, BiConsumer<String, PeerSink> inspect) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        ExecutorService threads = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "load-peer-sink");
            t.setDaemon(true);
            return t;
        });
        PeerSink sink = new PeerSink(server, threads, status, inspect);
        server.createContext("/", sink::receive);
        server.setExecutor(threads);
        server.start();
        return sink;
    }

    /** {@code http://127.0.0.1:port} */
    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Adds {@code n} to the counter {@code name}. */
    void add(String name, long n) {
        counts.computeIfAbsent(name, k -> new LongAdder()).add(n);
    }

    /** All counters, by name: {@code requests} (all), {@code path:/...} per path, and what {@code inspect} counted. */
    Map<String, Long> counts() {
        Map<String, Long> copy = new TreeMap<>();
        counts.forEach((k, v) -> copy.put(k, v.sum()));
        return copy;
    }

    /** The counters as {@code name=value} pairs separated by spaces, or {@code nothing received}. */
    String countsLine() {
        Map<String, Long> counts = counts();
        if (counts.isEmpty()) {
            return "nothing received";
        }
        StringBuilder b = new StringBuilder();
        counts.forEach((k, v) -> b.append(b.length() == 0 ? "" : " ").append(k).append('=').append(v));
        return b.toString();
    }

    private void receive(HttpExchange exchange) throws IOException {
        if ("GET".equals(exchange.getRequestMethod()) && "/counts".equals(exchange.getRequestURI().getPath())) {
            byte[] line = (countsLine() + "\n").getBytes(StandardCharsets.US_ASCII);
            exchange.getRequestBody().close();
            exchange.sendResponseHeaders(200, line.length);
            try (var out = exchange.getResponseBody()) {
                out.write(line);
            }
            return;
        }
        try {
            byte[] body;
            try (InputStream raw = exchange.getRequestBody();
                    InputStream in = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))
                            ? new GZIPInputStream(raw) : raw) {
                body = in.readAllBytes();
            }
            add("requests", 1);
            add("path:" + exchange.getRequestURI().getPath(), 1);
            try {
                inspect.accept(new String(body, StandardCharsets.UTF_8), this);
            } catch (RuntimeException e) {
                add("uninspectable", 1);
            }
            exchange.sendResponseHeaders(status, -1);
        } catch (IOException e) {
            add("failed", 1);
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
