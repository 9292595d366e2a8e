package dev.sessionhealth.cdi.contract;

import jakarta.servlet.Servlet;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContextEvent;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.jboss.weld.environment.servlet.Listener;

/**
 * Embedded Tomcat 11 on 127.0.0.1 with Weld's servlet integration and one JAX-RS servlet under
 * {@code /api/*}. Tomcat logs a failing listener instead of throwing: the Weld listener here keeps
 * the failure so that {@link #start} can throw it.
 */
public final class TomcatApp implements AppServer {

    private final Tomcat tomcat;
    private final Path baseDir;
    private final URI base;

    private TomcatApp(Tomcat tomcat, Path baseDir, int port) {
        this.tomcat = tomcat;
        this.baseDir = baseDir;
        this.base = URI.create("http://127.0.0.1:" + port + "/api/");
    }

    public static TomcatApp start(Map<String, String> contextParams, Map<String, Object> attributes, Servlet jaxrs,
            List<ServletContainerInitializer> initializers) throws Exception {
        return start(contextParams, attributes, jaxrs, initializers, context -> { });
    }

    /**
     * @param customizer declares what a web.xml would (a filter with init-params) before the start
     */
    public static TomcatApp start(Map<String, String> contextParams, Map<String, Object> attributes, Servlet jaxrs,
            List<ServletContainerInitializer> initializers, java.util.function.Consumer<Context> customizer)
            throws Exception {
        Path baseDir = Files.createTempDirectory("tomcat-cdi");
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(baseDir.toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.getService().addConnector(connector);
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", Files.createDirectories(baseDir.resolve("root")).toString());
        contextParams.forEach(context::addParameter);
        RecordingWeldListener weld = new RecordingWeldListener();
        context.addServletContainerInitializer((classes, sc) -> {
            attributes.forEach(sc::setAttribute);
            sc.addListener(weld);
        }, null);
        RecordingInitializers recorded = new RecordingInitializers();
        initializers.forEach(i -> context.addServletContainerInitializer(recorded.wrap(i), null));
        customizer.accept(context);
        Tomcat.addServlet(context, "jaxrs", jaxrs).setLoadOnStartup(1);
        context.addServletMappingDecoded("/api/*", "jaxrs");
        TomcatApp app = new TomcatApp(tomcat, baseDir, 0);
        tomcat.start();
        if (recorded.failure != null || weld.failure != null || context.getState() != LifecycleState.STARTED) {
            app.close();
            throw new IllegalStateException("the application did not start: " + context.getState(),
                    recorded.failure != null ? recorded.failure : weld.failure);
        }
        return new TomcatApp(tomcat, baseDir, connector.getLocalPort());
    }

    @Override
    public URI base() {
        return base;
    }

    @Override
    public void close() throws Exception {
        tomcat.stop();
        tomcat.destroy();
        try (Stream<Path> files = Files.walk(baseDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp dir left behind is harmless
        }
    }

    /** Keeps what an initializer threw (Tomcat logs it and marks the context failed). */
    private static final class RecordingInitializers {
        private volatile Exception failure;

        ServletContainerInitializer wrap(ServletContainerInitializer initializer) {
            return (classes, context) -> {
                try {
                    initializer.onStartup(classes, context);
                } catch (jakarta.servlet.ServletException | RuntimeException e) {
                    failure = e;
                    throw e;
                }
            };
        }
    }

    /** Weld's listener, keeping what failed the start. */
    private static final class RecordingWeldListener extends Listener {
        private volatile RuntimeException failure;

        @Override
        public void contextInitialized(ServletContextEvent event) {
            try {
                super.contextInitialized(event);
            } catch (RuntimeException e) {
                failure = e;
                throw e;
            }
        }
    }
}
