package dev.sessionhealth.benchmarks.load;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The ingest the load target's manager sends to, on 127.0.0.1: {@code healthy} answers 200 at
 * once, {@code slow} answers 200 after 10 seconds, {@code down} is a port nobody listens on
 * (connection refused).
 */
final class LoadIngest implements AutoCloseable {

    enum Kind {
        HEALTHY, SLOW, DOWN;

        static Kind parse(String s) {
            return valueOf(s.toUpperCase(Locale.ROOT));
        }
    }

    private static final long SLOW_MILLIS = 10_000;

    private final HttpServer server;
    private final ScheduledExecutorService delayed;
    private final int port;
    final LongAdder envelopes = new LongAdder();

    private LoadIngest(HttpServer server, ScheduledExecutorService delayed, int port) {
        this.server = server;
        this.delayed = delayed;
        this.port = port;
    }

    static LoadIngest start(Kind kind) throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        if (kind == Kind.DOWN) {
            try (ServerSocket probe = new ServerSocket(0, 1, loopback)) {
                return new LoadIngest(null, null, probe.getLocalPort()); // closed again: connections are refused
            }
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(loopback, 0), 64);
        ScheduledExecutorService delayed = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "load-ingest");
            t.setDaemon(true);
            return t;
        });
        LoadIngest ingest = new LoadIngest(server, delayed, server.getAddress().getPort());
        server.createContext("/", exchange -> ingest.receive(exchange, kind == Kind.SLOW ? SLOW_MILLIS : 0));
        server.setExecutor(delayed);
        server.start();
        return ingest;
    }

    /** A DSN for this ingest (project 1). */
    String dsn() {
        return "http://publickey@127.0.0.1:" + port + "/1";
    }

    private void receive(HttpExchange exchange, long delayMillis) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            in.transferTo(OutputDiscard.INSTANCE);
        }
        envelopes.increment();
        if (delayMillis == 0) {
            answer(exchange);
        } else {
            delayed.schedule(() -> answer(exchange), delayMillis, TimeUnit.MILLISECONDS);
        }
    }

    private static void answer(HttpExchange exchange) {
        try {
            exchange.sendResponseHeaders(200, -1);
        } catch (IOException e) {
            // the client gave up (its request timeout): nothing to answer
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
            delayed.shutdownNow();
        }
    }

    /** Swallows request bodies. */
    private static final class OutputDiscard extends java.io.OutputStream {
        static final OutputDiscard INSTANCE = new OutputDiscard();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }
}
