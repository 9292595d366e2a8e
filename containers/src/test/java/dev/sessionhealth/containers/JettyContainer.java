package dev.sessionhealth.containers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Jetty 12 with {@code jetty.home} the unpacked distribution and a private {@code jetty.base}
 * with the ee10 deployer, annotations and CDI integration modules: the WAR in {@code webapps/}
 * with a context file that adds the Jakarta REST and CDI implementations (which Jetty lacks).
 */
final class JettyContainer implements Container {

    static final String MODULES = "http,ee10-deploy,ee10-annotations,ee10-cdi-decorate";

    private final Path home;
    private final Path restCdiLib;
    private final int port = FreePort.pick();

    JettyContainer(Path home, Path restCdiLib) {
        this.home = home;
        this.restCdiLib = restCdiLib;
    }

    @Override
    public String name() {
        return "jetty";
    }

    @Override
    public void layOut(Path dir) throws IOException, InterruptedException {
        Process setup = new ProcessBuilder(java(), "-jar", home.resolve("start.jar").toString(),
                "jetty.base=" + dir, "--add-modules=" + MODULES)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("setup.log").toFile())
                .start();
        try {
            if (!setup.waitFor(Duration.ofMinutes(2).toMillis(), TimeUnit.MILLISECONDS) || setup.exitValue() != 0) {
                throw new IOException("jetty.base setup failed: " + Files.readString(dir.resolve("setup.log")));
            }
        } finally {
            setup.destroyForcibly();
        }
        Files.createDirectories(dir.resolve("work")); // unpacked WARs go here, not to /tmp
    }

    @Override
    public void deploy(Path dir, Path war, String context) throws IOException {
        Files.copy(war, dir.resolve("webapps/" + context + ".war"));
        Files.writeString(dir.resolve("webapps/" + context + ".xml"), """
                <?xml version="1.0"?>
                <!DOCTYPE Configure PUBLIC "-//Jetty//Configure//EN" "https://jetty.org/configure_10_0.dtd">
                <Configure class="org.eclipse.jetty.ee10.webapp.WebAppContext">
                  <Set name="contextPath">/%s</Set>
                  <Set name="war"><Property name="jetty.webapps" default="."/>/%s.war</Set>
                  <Set name="extraClasspath">%s/*</Set>
                </Configure>
                """.formatted(context, context, restCdiLib.toAbsolutePath()));
    }

    /** System properties are arguments of {@code start.jar}, which sets them in the server's JVM. */
    @Override
    public List<String> command(Path dir, List<String> systemProperties) {
        List<String> command = new java.util.ArrayList<>(List.of(java(), "-jar", home.resolve("start.jar").toString(),
                "jetty.base=" + dir, "jetty.http.host=127.0.0.1", "jetty.http.port=" + port));
        command.addAll(systemProperties);
        return command;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public String restAndCdiOrigin() {
        return restCdiLib.toUri().getPath();
    }

    /** The java launcher of the JVM running the suite. */
    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
