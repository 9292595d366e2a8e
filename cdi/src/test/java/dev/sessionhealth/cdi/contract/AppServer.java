package dev.sessionhealth.cdi.contract;

import dev.sessionhealth.testing.EmbeddedContainer;
import dev.sessionhealth.testing.WebApp;
import jakarta.servlet.Servlet;
import java.net.URI;
import java.util.Map;
import org.jboss.weld.environment.servlet.Listener;

/**
 * One runtime (JAX-RS implementation + CDI on a servlet container) serving the test application:
 * at the root context of core's {@link EmbeddedContainer}, Weld's servlet listener and one JAX-RS
 * servlet under {@code /api/*}, started at deployment so that a failing deployment fails {@link #start}.
 */
public final class AppServer implements AutoCloseable {

    /** Starts the application under {@code /api} with these context-params; throws if deployment fails. */
    public interface Starter {
        AppServer start(Map<String, String> contextParams, Map<String, Object> contextAttributes) throws Exception;
    }

    private final EmbeddedContainer container;

    private AppServer(EmbeddedContainer container) {
        this.container = container;
    }

    /**
     * The test application with Weld and this JAX-RS servlet; the runtime adds what else it needs
     * (context-params, filters, initializers) before {@link #start}.
     */
    /**
     * The context-params every contract deploys with: sending to {@code ingest}, release
     * {@code shop@1.0.0}, a 200 ms flush interval; then {@code extra} as name, value pairs.
     */
    public static Map<String, String> params(dev.sessionhealth.testing.FakeIngest ingest, String... extra) {
        Map<String, String> p = new java.util.HashMap<>();
        p.put("sessionhealth.dsn", ingest.dsn());
        p.put("sessionhealth.release", "shop@1.0.0");
        p.put("sessionhealth.flushInterval", "200ms");
        for (int i = 0; i < extra.length; i += 2) {
            p.put(extra[i], extra[i + 1]);
        }
        return p;
    }

    public static WebApp app(Map<String, String> contextParams, Map<String, Object> attributes, Servlet jaxrs) {
        return WebApp.at("/").params(contextParams).attributes(attributes).listener(new Listener())
                .servlet("jaxrs", jaxrs, "/api/*");
    }

    /** Starts {@code app} on {@code container}; a failing deployment throws and leaves nothing running. */
    public static AppServer start(EmbeddedContainer container, WebApp app) throws Exception {
        container.start(app);
        return new AppServer(container);
    }

    /** The application's base URI, ending with {@code /api/}. */
    public URI base() {
        return container.base().resolve("api/");
    }

    /** Stops the web application (which closes a manager the CDI module created) and the server. */
    @Override
    public void close() throws Exception {
        container.close();
    }
}
