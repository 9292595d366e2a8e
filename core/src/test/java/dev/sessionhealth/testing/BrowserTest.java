package dev.sessionhealth.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BrowserTest {

    private HttpServer server;
    private URI base;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/shop/");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    /** {@code set?n=v} sets a cookie, {@code redirect} answers 302, {@code status?c} answers c; each echoes the request. */
    private void answer(HttpExchange exchange) throws IOException {
        URI uri = exchange.getRequestURI();
        String query = Objects.toString(uri.getQuery(), "");
        int status = 200;
        if (uri.getPath().endsWith("/set")) {
            exchange.getResponseHeaders().add("Set-Cookie", query + "; Path=/; HttpOnly; SameSite=Lax");
        } else if (uri.getPath().endsWith("/redirect")) {
            exchange.getResponseHeaders().add("Location", "/elsewhere");
            exchange.getResponseHeaders().add("Set-Cookie", "after=redirect; Path=/");
            status = 302;
        } else if (uri.getPath().endsWith("/status")) {
            status = Integer.parseInt(query);
        }
        String body = exchange.getRequestMethod() + " " + uri.getPath()
                + "\ncookie=" + exchange.getRequestHeaders().getFirst("Cookie")
                + "\nagent=" + exchange.getRequestHeaders().getFirst("User-Agent")
                + "\nx-test=" + exchange.getRequestHeaders().getFirst("X-Test")
                + "\ntype=" + exchange.getRequestHeaders().getFirst("Content-Type")
                + "\nbody=" + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Test
    void keepsTheCookiesTheServerSetsAndSendsThemBack() {
        Browser b = new Browser(base);
        assertTrue(b.getOk("first").contains("cookie=null"), "nothing to send yet");
        b.getOk("set?sid=abc");
        assertEquals("abc", b.cookie("sid"));
        assertEquals(List.of("sid"), b.cookieNames());
        assertTrue(b.getOk("/root").contains("cookie=sid=abc\n"), "Path=/ reaches the whole server");
        assertNull(new Browser(base).cookie("sid"), "another browser has its own jar");
        assertNull(new Browser(Browser.client(), base).getOk("x").lines().filter(l -> l.startsWith("cookie=sid"))
                .findAny().orElse(null), "even on a shared client");
    }

    @Test
    void setsRemovesClearsAndForgesCookies() {
        Browser b = new Browser(base).setCookie("a", "1").setCookie("b", "2");
        String sent = b.getOk("echo");
        assertTrue(sent.contains("a=1") && sent.contains("b=2"), sent);
        b.removeCookie("a");
        assertEquals(List.of("b"), b.cookieNames());
        assertTrue(b.getOk("echo").contains("cookie=b=2\n"));
        b.forgeCookie("b", "forged");
        assertTrue(b.getOk("echo").contains("cookie=b=forged\n"), "the forged header instead of the jar's");
        assertTrue(b.getOk("echo").contains("cookie=b=2\n"), "for one request only");
        b.clearCookies();
        assertEquals(List.of(), b.cookieNames());
        assertTrue(b.getOk("echo").contains("cookie=null"));
    }

    @Test
    void sendsItsUserAgentAndHeadersWithEveryRequest() {
        Browser b = new Browser(base);
        assertTrue(b.getOk("echo").contains("agent=" + Browser.USER_AGENT + "\n"));
        b.userAgent("kube-probe/1.30").header("X-Test", "yes");
        String sent = b.getOk("echo");
        assertTrue(sent.contains("agent=kube-probe/1.30\n") && sent.contains("x-test=yes\n"), sent);
        assertTrue(b.getOk("echo").contains("x-test=yes\n"), "sticky");
        b.header("X-Test", null);
        assertTrue(b.getOk("echo").contains("x-test=null\n"));
    }

    @Test
    void postsFormsAndReturnsAnyStatusButGetOkFailsOnAnythingBut200() {
        Browser b = new Browser(base);
        HttpResponse<String> form = b.post("login", "user=alice&password=secret");
        assertEquals(200, form.statusCode());
        assertTrue(form.body().startsWith("POST /shop/login"), form.body());
        assertTrue(form.body().contains("type=application/x-www-form-urlencoded\nbody=user=alice&password=secret"));
        assertTrue(b.post("empty").body().endsWith("body="));
        assertEquals(503, b.get("status?503").statusCode());
        assertEquals(404, b.send("DELETE", "status?404").statusCode());
        AssertionError e = assertThrows(AssertionError.class, () -> b.getOk("status?500"));
        assertTrue(e.getMessage().startsWith("GET status?500 answered 500: GET /shop/status"), e.getMessage());
    }

    @Test
    void followsNoRedirectButKeepsTheCookieOfThe302() {
        Browser b = new Browser(base);
        HttpResponse<String> r = b.get("redirect");
        assertEquals(302, r.statusCode());
        assertEquals("redirect", b.cookie("after"));
    }

    @Test
    void anUnreachableServerIsAnUncheckedIoException() {
        server.stop(0);
        assertThrows(UncheckedIOException.class, () -> new Browser(base).get("x"));
    }
}
