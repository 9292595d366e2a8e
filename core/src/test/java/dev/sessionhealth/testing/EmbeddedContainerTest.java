package dev.sessionhealth.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestEvent;
import jakarta.servlet.ServletRequestListener;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The embedded containers deploy the same {@link WebApp} alike, and fail its start alike. */
@Timeout(60)
class EmbeddedContainerTest {

    @TempDir
    Path docBase;

    static Stream<Supplier<EmbeddedContainer>> containers() {
        return Stream.of(named(EmbeddedContainer::jetty, "jetty"), named(EmbeddedContainer::tomcat, "tomcat"));
    }

    private static Supplier<EmbeddedContainer> named(Supplier<EmbeddedContainer> factory, String name) {
        return new Supplier<>() {
            @Override
            public EmbeddedContainer get() {
                return factory.get();
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }

    @ParameterizedTest
    @MethodSource("containers")
    void servesWhatTheApplicationDeclaresAtItsContextPath(Supplier<EmbeddedContainer> factory) throws Exception {
        Files.writeString(docBase.resolve("index.txt"), "from the document root");
        List<String> events = new CopyOnWriteArrayList<>();
        Set<Class<?>> handed = Set.of(String.class);
        ServletContainerInitializer first = (classes, sc) -> {
            events.add("first " + (classes == null || classes.isEmpty() ? "none" : classes));
            sc.addServlet("echo", new Echo()).addMapping("/echo/*");
        };
        ServletContainerInitializer second = (classes, sc) -> events.add("second " + classes);
        WebApp app = WebApp.at("/shop").docBase(docBase)
                .param("color", "red").param("size", "s").param("size", "m")
                .attribute("preset", "kept")
                .listener(new Recorder(events))
                .filter("tag", Tag.class, Map.of("tag", "tagged"), EnumSet.of(DispatcherType.REQUEST), "/echo/*")
                .servlet("declared", new Echo(), "/declared")
                .initializer(first).initializer(second, handed);
        try (EmbeddedContainer container = factory.get()) {
            URI base = container.start(app);
            assertEquals(base, container.base());
            assertTrue(base.toString().matches("http://127\\.0\\.0\\.1:\\d+/shop/"), base.toString());
            assertEquals(List.of("first none", "second [class java.lang.String]", "context initialized with kept"),
                    events, "initializers in order, with their classes, then the listener with the attribute set");
            Browser browser = new Browser(base);
            assertEquals("red m kept tagged /shop", browser.getOk("echo/x"));
            assertEquals("red m kept null /shop", browser.getOk("declared"), "declared, outside the filter's pattern");
            assertEquals("from the document root", browser.getOk("echo/resource"));
            assertTrue(events.contains("request"), "the listener hears requests");
            assertTrue(browser.getOk("echo/session").startsWith("session "), "HTTP sessions are on");
        }
        assertTrue(events.contains("context destroyed"), events.toString());
    }

    @ParameterizedTest
    @MethodSource("containers")
    void theRootContextHasABaseEndingWithASlash(Supplier<EmbeddedContainer> factory) throws Exception {
        EmbeddedContainer container = factory.get();
        try {
            URI base = container.start(WebApp.at("/").servlet("echo", new Echo(), "/api/*"));
            assertTrue(base.toString().matches("http://127\\.0\\.0\\.1:\\d+/"), base.toString());
            assertEquals("null null null null ", new Browser(base).getOk("api/x"));
            container.close();
            container.close(); // twice: nothing running, nothing thrown
            assertThrows(ConnectException.class, () -> new Socket(base.getHost(), base.getPort()).close(),
                    "the port is closed");
        } finally {
            container.close();
        }
    }

    @ParameterizedTest
    @MethodSource("containers")
    void aFailingInitializerFailsTheStartWithWhatItThrew(Supplier<EmbeddedContainer> factory) throws Exception {
        ServletException failure = new ServletException("the initializer refuses");
        try (EmbeddedContainer container = factory.get()) {
            Exception e = assertThrows(Exception.class, () -> container.start(WebApp.at("/shop")
                    .initializer((classes, sc) -> {
                        throw failure;
                    })));
            assertTrue(causes(e).contains(failure), "what the initializer threw: " + causes(e));
            URI again = container.start(WebApp.at("/shop").servlet("echo", new Echo(), "/*")); // nothing left running
            assertEquals("null null null null /shop", new Browser(again).getOk("x"));
        }
    }

    @ParameterizedTest
    @MethodSource("containers")
    void aFailingContextListenerFailsTheStartWithWhatItThrew(Supplier<EmbeddedContainer> factory) throws Exception {
        IllegalStateException failure = new IllegalStateException("the listener refuses");
        try (EmbeddedContainer container = factory.get()) {
            Exception e = assertThrows(Exception.class, () -> container.start(WebApp.at("/")
                    .listener(new ServletContextListener() {
                        @Override
                        public void contextInitialized(ServletContextEvent event) {
                            throw failure;
                        }
                    })));
            assertTrue(causes(e).contains(failure), "what the listener threw: " + causes(e));
        }
    }

    @ParameterizedTest
    @MethodSource("containers")
    void aRunningContainerDoesNotStartTwice(Supplier<EmbeddedContainer> factory) throws Exception {
        try (EmbeddedContainer container = factory.get()) {
            URI base = container.start(WebApp.at("/shop"));
            assertThrows(IllegalStateException.class, () -> container.start(WebApp.at("/shop")));
            assertSame(base, container.base());
        }
        assertThrows(IllegalStateException.class, () -> factory.get().base(), "no base before a start");
    }

    private static List<Throwable> causes(Throwable e) {
        List<Throwable> all = new ArrayList<>();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.add(t);
            all.addAll(List.of(t.getSuppressed()));
        }
        return all;
    }

    /** Answers with context-params, the preset attribute, the filter's tag and the context path. */
    static final class Echo extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            if ("/session".equals(request.getPathInfo())) {
                response.getWriter().print("session " + request.getSession(true).getId());
                return;
            }
            if ("/resource".equals(request.getPathInfo())) {
                try (var in = request.getServletContext().getResourceAsStream("/index.txt")) {
                    response.getWriter().print(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
                }
                return;
            }
            var context = request.getServletContext();
            response.getWriter().print(context.getInitParameter("color") + " " + context.getInitParameter("size") + " "
                    + context.getAttribute("preset") + " " + request.getAttribute("tag") + " " + context.getContextPath());
        }
    }

    /** Sets its init-param {@code tag} as a request attribute. */
    public static final class Tag implements Filter {
        private String tag;

        @Override
        public void init(FilterConfig config) {
            tag = config.getInitParameter("tag");
        }

        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            request.setAttribute("tag", tag);
            chain.doFilter(request, response);
        }
    }

    /** Records the context's start (with the preset attribute) and stop, and each request. */
    private static final class Recorder implements ServletContextListener, ServletRequestListener {
        private final List<String> events;

        Recorder(List<String> events) {
            this.events = events;
        }

        @Override
        public void contextInitialized(ServletContextEvent event) {
            events.add("context initialized with " + event.getServletContext().getAttribute("preset"));
        }

        @Override
        public void contextDestroyed(ServletContextEvent event) {
            events.add("context destroyed");
        }

        @Override
        public void requestInitialized(ServletRequestEvent event) {
            if (!events.contains("request")) {
                events.add("request");
            }
        }
    }
}
