package dev.sessionhealth.testing;

import java.net.URI;

/**
 * A real servlet container, embedded: one {@link WebApp} served on 127.0.0.1 at an ephemeral port,
 * with HTTP sessions, up to 200 request threads and an accept queue of 1024. The module that uses it
 * brings the container on its test class path (jetty-ee10-servlet, tomcat-embed-core).
 *
 * <pre>{@code
 * try (EmbeddedContainer container = EmbeddedContainer.tomcat()) {
 *     URI base = container.start(WebApp.at("/shop").initializer(app)); // http://127.0.0.1:port/shop/
 *     ...
 * }
 * }</pre>
 */
public interface EmbeddedContainer extends AutoCloseable {

    /** Jetty 12 (ee10). */
    static EmbeddedContainer jetty() {
        return new EmbeddedJetty();
    }

    /** Tomcat 11, its session manager not persisting sessions across a stop. */
    static EmbeddedContainer tomcat() {
        return new EmbeddedTomcat();
    }

    /**
     * Starts the server with this application. A failing deployment throws, what failed as the
     * exception or its cause (also what Tomcat only logs: an initializer's or a listener's failure),
     * and leaves nothing running.
     *
     * @return {@link #base()}
     * @throws IllegalStateException also if the container is already running
     */
    URI start(WebApp app) throws Exception;

    /** The application's base URI, {@code http://127.0.0.1:port/context/} (ending with {@code /}). */
    URI base();

    /** Stops the application (filters destroyed, listeners told) and the server; does nothing if it is not running. */
    @Override
    void close() throws Exception;
}
