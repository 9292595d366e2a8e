package dev.sessionhealth.examples.cluster;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A load balancer without sticky sessions, in front of the demo's nodes: every request goes to the
 * next node in turn, whoever sends it. Method, path, query, headers (cookies among them) and body go
 * through; so do the node's status, headers ({@code Set-Cookie} among them) and body. The answer
 * says which node served it in {@value #NODE_HEADER}.
 */
public final class RoundRobinProxy extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** The response header that names the node (1, 2, ...) that served the request. */
    public static final String NODE_HEADER = "X-Demo-Node";

    /** Hop-by-hop headers, and those the client sets itself: never passed on, in either direction. */
    private static final Set<String> NOT_PASSED = Set.of("connection", "keep-alive", "proxy-connection",
            "proxy-authenticate", "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "host",
            "content-length", "expect", "http2-settings");
    /** The front server writes its own. */
    private static final Set<String> NOT_RETURNED = Set.of("date", "server");

    private final transient List<URI> nodes;
    private final transient HttpClient http;
    private final AtomicLong requests = new AtomicLong();

    /** @param nodes the nodes' roots, for example {@code http://127.0.0.1:41001/} */
    public RoundRobinProxy(List<URI> nodes) {
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("no nodes");
        }
        this.nodes = List.copyOf(nodes);
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        int index = (int) Math.floorMod(requests.getAndIncrement(), (long) nodes.size());
        URI node = nodes.get(index);
        HttpRequest forward;
        try {
            forward = forward(request, node);
        } catch (IllegalArgumentException e) {
            fail(response, 400, "bad request: " + e.getMessage());
            return;
        }
        HttpResponse<byte[]> answer;
        try {
            answer = http.send(forward, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            fail(response, 502, "node " + (index + 1) + " (" + node + ") did not answer: " + e);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(response, 503, "interrupted");
            return;
        }
        response.setStatus(answer.statusCode());
        for (Map.Entry<String, List<String>> header : answer.headers().map().entrySet()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (!name.startsWith(":") && !NOT_PASSED.contains(name) && !NOT_RETURNED.contains(name)) {
                header.getValue().forEach(value -> response.addHeader(header.getKey(), value));
            }
        }
        response.setHeader(NODE_HEADER, String.valueOf(index + 1));
        byte[] body = answer.body();
        response.setContentLength(body.length);
        if (body.length > 0) {
            response.getOutputStream().write(body);
        }
    }

    private static HttpRequest forward(HttpServletRequest request, URI node) throws IOException {
        String query = request.getQueryString();
        URI target = URI.create(node.getScheme() + "://" + node.getRawAuthority() + request.getRequestURI()
                + (query == null ? "" : "?" + query));
        byte[] body = request.getInputStream().readAllBytes();
        HttpRequest.Builder out = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(30))
                .method(request.getMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        for (String name : Collections.list(request.getHeaderNames())) {
            if (!NOT_PASSED.contains(name.toLowerCase(Locale.ROOT))) {
                for (String value : Collections.list(request.getHeaders(name))) {
                    out.header(name, value);
                }
            }
        }
        String forwardedFor = request.getHeader("X-Forwarded-For");
        out.setHeader("X-Forwarded-For", (forwardedFor == null ? "" : forwardedFor + ", ") + request.getRemoteAddr());
        if (request.getHeader("Host") != null) {
            out.setHeader("X-Forwarded-Host", request.getHeader("Host"));
        }
        out.setHeader("X-Forwarded-Proto", request.getScheme());
        return out.build();
    }

    private static void fail(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("text/plain; charset=utf-8");
        response.getOutputStream().write((message + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
