package dev.sessionhealth.servlet;

import jakarta.servlet.ServletContainerInitializer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.session.StandardManager;
import org.apache.catalina.startup.Tomcat;

/** Embedded Tomcat 11 with its standard session manager (not persisted across stops). */
final class TomcatContainer implements TestContainer {

    private Tomcat tomcat;
    private Path baseDir;

    @Override
    public URI start(List<ServletContainerInitializer> initializers, Path docBase) throws Exception {
        baseDir = Files.createTempDirectory("tomcat-test");
        tomcat = new Tomcat();
        tomcat.setBaseDir(baseDir.toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        connector.setProperty("maxThreads", "200");
        connector.setProperty("acceptCount", "1024");
        tomcat.getService().addConnector(connector);
        tomcat.setConnector(connector);
        Path root = docBase != null ? docBase : Files.createDirectories(baseDir.resolve("root"));
        Context context = tomcat.addContext("/shop", root.toString());
        StandardManager sessions = new StandardManager();
        sessions.setPathname(null); // no SESSIONS.ser: a stop is a stop
        context.setManager(sessions);
        for (ServletContainerInitializer sci : initializers) {
            context.addServletContainerInitializer(sci, null);
        }
        tomcat.start();
        if (context.getState() != LifecycleState.STARTED) {
            throw new IllegalStateException("the application did not start: " + context.getState());
        }
        return URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/shop/");
    }

    @Override
    public void close() throws Exception {
        if (tomcat != null) {
            tomcat.stop();
            tomcat.destroy();
            tomcat = null;
        }
        if (baseDir != null) {
            try (Stream<Path> files = Files.walk(baseDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temp dir left behind is harmless
            }
        }
    }

    @Override
    public String toString() {
        return "Tomcat 11";
    }
}
