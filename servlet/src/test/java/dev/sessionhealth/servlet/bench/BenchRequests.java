package dev.sessionhealth.servlet.bench;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.lang.reflect.Proxy;
import java.security.Principal;
import java.util.HashMap;
import java.util.Map;

/**
 * Minimal request and response objects for measuring the filter without a container: only what the
 * filter reads is implemented (plain fields); anything else fails loudly.
 */
final class BenchRequests {

    private static final HttpServletRequest NO_REQUEST = (HttpServletRequest) Proxy.newProxyInstance(
            BenchRequests.class.getClassLoader(), new Class<?>[] {HttpServletRequest.class}, (p, m, a) -> {
                throw new UnsupportedOperationException(m.getName());
            });
    private static final HttpServletResponse NO_RESPONSE = (HttpServletResponse) Proxy.newProxyInstance(
            BenchRequests.class.getClassLoader(), new Class<?>[] {HttpServletResponse.class}, (p, m, a) -> {
                throw new UnsupportedOperationException(m.getName());
            });

    private BenchRequests() {
    }

    /**
     * A request as a container makes one: its header and cookie strings are new objects each time.
     * The cookies come as {@code getCookies()} and as the {@code Cookie} header (which the filter reads).
     */
    static HttpServletRequest request(Cookie[] cookies, String userAgent) {
        Cookie[] fresh = null;
        StringBuilder header = null;
        if (cookies != null) {
            fresh = new Cookie[cookies.length];
            header = new StringBuilder();
            for (int i = 0; i < cookies.length; i++) {
                fresh[i] = new Cookie(cookies[i].getName(), new String(cookies[i].getValue().toCharArray()));
                header.append(i == 0 ? "" : "; ").append(cookies[i].getName()).append('=').append(cookies[i].getValue());
            }
        }
        return new Request(fresh, header == null ? null : header.toString(), new String(userAgent.toCharArray()));
    }

    /** Whether the response set a cookie (a new visitor's). */
    static boolean setsCookie(HttpServletResponse response) {
        return ((Response) response).setCookie != null;
    }

    static HttpServletResponse response() {
        return new Response();
    }

    /** The cookie a response set (as a client would send it back), or {@code null}. */
    static Cookie[] cookiesSetBy(HttpServletResponse response) {
        String header = ((Response) response).setCookie;
        if (header == null) {
            return null;
        }
        String pair = header.split(";", 2)[0];
        int eq = pair.indexOf('=');
        return new Cookie[] {new Cookie(pair.substring(0, eq), pair.substring(eq + 1))};
    }

    private static final class Request extends HttpServletRequestWrapper {
        private final Map<String, Object> attributes = new HashMap<>(4);
        private final Cookie[] cookies;
        private final String cookieHeader;
        private final String userAgent;

        Request(Cookie[] cookies, String cookieHeader, String userAgent) {
            super(NO_REQUEST);
            this.cookies = cookies;
            this.cookieHeader = cookieHeader;
            this.userAgent = userAgent;
        }

        @Override
        public java.util.Enumeration<String> getHeaders(String name) {
            return "Cookie".equalsIgnoreCase(name) && cookieHeader != null
                    ? java.util.Collections.enumeration(java.util.List.of(cookieHeader))
                    : java.util.Collections.emptyEnumeration();
        }

        @Override
        public Object getAttribute(String name) {
            return attributes.get(name);
        }

        @Override
        public void setAttribute(String name, Object o) {
            attributes.put(name, o);
        }

        @Override
        public DispatcherType getDispatcherType() {
            return DispatcherType.REQUEST;
        }

        @Override
        public String getRequestURI() {
            return "/shop/cart/items";
        }

        @Override
        public String getContextPath() {
            return "/shop";
        }

        @Override
        public String getMethod() {
            return "GET";
        }

        @Override
        public String getHeader(String name) {
            return "User-Agent".equalsIgnoreCase(name) ? userAgent : null;
        }

        @Override
        public Cookie[] getCookies() {
            return cookies;
        }

        @Override
        public Principal getUserPrincipal() {
            return null;
        }

        @Override
        public boolean isAsyncStarted() {
            return false;
        }

        @Override
        public boolean isSecure() {
            return false;
        }

        @Override
        public String getRemoteAddr() {
            return "10.0.0.1";
        }
    }

    private static final class Response extends HttpServletResponseWrapper {
        private String setCookie;

        Response() {
            super(NO_RESPONSE);
        }

        @Override
        public void addHeader(String name, String value) {
            setCookie = value;
        }

        @Override
        public int getStatus() {
            return 200;
        }
    }
}
