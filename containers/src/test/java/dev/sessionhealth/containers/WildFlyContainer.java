package dev.sessionhealth.containers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * WildFly 37 (standalone, default profile) with a private {@code jboss.server.base.dir}: the WAR
 * in {@code standalone/deployments/}, nothing else; WildFly brings RESTEasy and Weld itself.
 */
final class WildFlyContainer implements Container {

    private final Path home;
    private final int port = FreePort.pick();

    WildFlyContainer(Path home) {
        this.home = home;
    }

    @Override
    public String name() {
        return "wildfly";
    }

    @Override
    public void layOut(Path dir) throws IOException {
        Path base = dir.resolve("standalone");
        Tree.copy(home.resolve("standalone/configuration"), base.resolve("configuration"));
        Files.createDirectories(base.resolve("deployments"));
    }

    @Override
    public void deploy(Path dir, Path war, String context) throws IOException {
        Files.copy(war, dir.resolve("standalone/deployments/" + context + ".war"));
    }

    /** System properties are arguments of {@code standalone.sh}. */
    @Override
    public List<String> command(Path dir, List<String> systemProperties) {
        List<String> command = new java.util.ArrayList<>(List.of("sh", home.resolve("bin/standalone.sh").toString(),
                "-Djboss.server.base.dir=" + dir.resolve("standalone"),
                "-b", "127.0.0.1", "-bmanagement", "127.0.0.1",
                "-Djboss.http.port=" + port,
                "-Djboss.https.port=" + FreePort.pick(),
                "-Djboss.management.http.port=" + FreePort.pick(),
                "-Djboss.management.https.port=" + FreePort.pick()));
        command.addAll(systemProperties);
        return command;
    }

    @Override
    public Map<String, String> environment(Path dir, List<String> systemProperties) {
        // in the background the script relays SIGTERM to the server (as under a service manager)
        return Map.of("JBOSS_HOME", home.toString(), "LAUNCH_JBOSS_IN_BACKGROUND", "1",
                "JAVA_HOME", System.getProperty("java.home"));
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public String restAndCdiOrigin() {
        return home.toUri().getPath() + "modules/system/layers/base/";
    }
}
