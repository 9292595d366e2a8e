package dev.sessionhealth.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

/**
 * A real HTTP ingest on 127.0.0.1 for tests: accepts envelopes at {@code /api/{project}/envelope/},
 * records them (un-gzipped), and answers as scripted: 200 by default, or queued replies with any
 * status, headers and delay. {@link #stop()} and {@link #restart()} make it refuse connections and
 * come back on the same port.
 *
 * <p>An envelope is recorded, with the status it is going to be answered, as soon as its body has
 * been read, before any scripted delay: like a real ingest, it has stored what a 2xx is going to
 * answer even if the client stops waiting (its request timeout) or the ingest is stopped meanwhile.
 * A {@link Reply#cutOff cut-off} reply reads only part of the body and closes the connection without
 * answering; it is recorded with {@link ReceivedEnvelope#CUT_OFF} and the bytes read (still
 * compressed), and is never accepted.
 */
public final class FakeIngest implements AutoCloseable {

    /**
     * A scripted answer: a status with headers after a delay, or (with {@code cutAfterBytes >= 0}) no
     * answer at all once that many body bytes were read.
     */
    public record Reply(int status, Map<String, String> headers, Duration delay, int cutAfterBytes) {

        public Reply(int status, Map<String, String> headers, Duration delay) {
            this(status, headers, delay, -1);
        }

        public static Reply status(int status) {
            return new Reply(status, Map.of(), Duration.ZERO);
        }

        public static Reply withHeader(int status, String name, String value) {
            return new Reply(status, Map.of(name, value), Duration.ZERO);
        }

        /** 200 after {@code delay}; the envelope is recorded (accepted) before the delay starts. */
        public static Reply slow(Duration delay) {
            return new Reply(200, Map.of(), delay);
        }

        /**
         * Reads at most {@code bytes} of the request body (as sent, so compressed if it was), then
         * closes the connection without any answer: the client sees a reset or an empty response.
         */
        public static Reply cutOff(int bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("bytes must be >= 0");
            }
            return new Reply(ReceivedEnvelope.CUT_OFF, Map.of(), Duration.ZERO, bytes);
        }

        /** Whether this reply closes the connection instead of answering. */
        public boolean cutsOff() {
            return cutAfterBytes >= 0;
        }
    }

    private final List<ReceivedEnvelope> received = new CopyOnWriteArrayList<>();
    /** Everything ever received, {@link #clear()} or not. */
    private final List<ReceivedEnvelope> history = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Reply> script = new ConcurrentLinkedQueue<>();
    private volatile Reply defaultReply = Reply.status(200);
    private final int port;
    private final long projectId = java.util.concurrent.ThreadLocalRandom.current().nextLong(1_000_000, 1_000_000_000);
    private HttpServer server;
    private ExecutorService executor;

    public FakeIngest() {
        this(0);
    }

    private FakeIngest(int port) {
        startServer(port);
        this.port = server.getAddress().getPort();
    }

    public static FakeIngest start() {
        return new FakeIngest();
    }

    /**
     * A DSN that points here. The project id is random per instance, so that the default state
     * directory (derived from the DSN) of one test never holds another test's outbox or journal,
     * even when the operating system hands out the same port again.
     */
    public String dsn() {
        return "http://publickey@127.0.0.1:" + port + "/" + projectId;
    }

    /** The project id in {@link #dsn()}. */
    public long projectId() {
        return projectId;
    }

    public int port() {
        return port;
    }

    /** The next replies, in order; after them the default. */
    public FakeIngest enqueue(Reply... replies) {
        script.addAll(List.of(replies));
        return this;
    }

    /** The reply once the script is used up. */
    public FakeIngest answerByDefault(Reply reply) {
        this.defaultReply = reply;
        return this;
    }

    /** The envelopes received since the start or the last {@link #clear()}, in arrival order. */
    public List<ReceivedEnvelope> envelopes() {
        return List.copyOf(received);
    }

    /**
     * Every envelope received since this ingest started, in arrival order, including those before a
     * {@link #clear()}: what the ingest has stored (and counted) over the whole test.
     */
    public List<ReceivedEnvelope> history() {
        return List.copyOf(history);
    }

    /** Every session item payload received, in arrival order, as parsed JSON (cut-off envelopes have none). */
    public List<Map<String, Object>> sessions() {
        return payloads("session");
    }

    public List<Map<String, Object>> payloads(String type) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ReceivedEnvelope e : received) {
            if (!e.cutOff()) {
                out.addAll(e.payloads(type));
            }
        }
        return out;
    }

    public void clear() {
        received.clear();
    }

    /** Stops listening: connections are refused until {@link #restart()}. */
    public synchronized void stop() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** Listens again on the same port. */
    public synchronized void restart() {
        startServer(port);
    }

    @Override
    public void close() {
        stop();
    }

    private void startServer(int onPort) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", onPort), 64);
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on 127.0.0.1:" + onPort, e);
        }
        executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "fake-ingest");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Reply reply = script.poll();
            if (reply == null) {
                reply = defaultReply;
            }
            if (reply.cutsOff()) {
                // closing the exchange before any response headers closes the connection unanswered
                byte[] part = exchange.getRequestBody().readNBytes(reply.cutAfterBytes());
                record(exchange, part, ReceivedEnvelope.CUT_OFF);
                return;
            }
            byte[] body = exchange.getRequestBody().readAllBytes();
            String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
            if ("gzip".equalsIgnoreCase(encoding)) {
                try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
                    body = in.readAllBytes();
                }
            }
            // stored before the delay: a client that stops waiting does not undo what the ingest took
            record(exchange, body, reply.status());
            if (!reply.delay().isZero()) {
                try {
                    TimeUnit.MILLISECONDS.sleep(reply.delay().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            exchange.sendResponseHeaders(reply.status(), -1);
        }
    }

    private void record(HttpExchange exchange, byte[] body, int status) {
        ReceivedEnvelope envelope = new ReceivedEnvelope(exchange.getRequestMethod(),
                exchange.getRequestURI().getPath(), Map.copyOf(flatten(exchange)), body, status);
        history.add(envelope);
        received.add(envelope);
    }

    private static Map<String, String> flatten(HttpExchange exchange) {
        java.util.HashMap<String, String> headers = new java.util.HashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.get(0)));
        return headers;
    }
}
