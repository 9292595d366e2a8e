package dev.sessionhealth.containers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Tomcat 11 with {@code CATALINA_HOME} the unpacked distribution and {@code CATALINA_BASE} a
 * private folder: the WAR in {@code webapps/}, and a context descriptor that adds the Jakarta REST
 * and CDI implementations (which Tomcat lacks) to the application's {@code /WEB-INF/lib}.
 */
final class TomcatContainer implements Container {

    private final Path home;
    private final Path restCdiLib;
    private final int port = FreePort.pick();

    TomcatContainer(Path home, Path restCdiLib) {
        this.home = home;
        this.restCdiLib = restCdiLib;
    }

    @Override
    public String name() {
        return "tomcat";
    }

    @Override
    public void layOut(Path dir) throws IOException {
        Tree.copy(home.resolve("conf"), dir.resolve("conf"));
        for (String folder : List.of("logs", "temp", "work", "webapps", "conf/Catalina/localhost")) {
            Files.createDirectories(dir.resolve(folder));
        }
        Path serverXml = dir.resolve("conf/server.xml");
        String server = Files.readString(serverXml)
                .replace("port=\"8080\"", "port=\"" + port + "\" address=\"127.0.0.1\"")
                .replace("port=\"8005\"", "port=\"-1\""); // no shutdown port: stopped by SIGTERM
        Files.writeString(serverXml, server);
    }

    @Override
    public void deploy(Path dir, Path war, String context) throws IOException {
        Files.copy(war, dir.resolve("webapps/" + context + ".war"));
        Files.writeString(dir.resolve("conf/Catalina/localhost/" + context + ".xml"), """
                <Context>
                  <Resources>
                    <PostResources className="org.apache.catalina.webresources.DirResourceSet"
                                   base="%s" webAppMount="/WEB-INF/lib"/>
                  </Resources>
                </Context>
                """.formatted(restCdiLib.toAbsolutePath()));
    }

    @Override
    public List<String> command(Path dir, List<String> systemProperties) {
        return List.of("sh", home.resolve("bin/catalina.sh").toString(), "run");
    }

    /** System properties go through {@code CATALINA_OPTS}, as in {@code bin/setenv.sh}. */
    @Override
    public Map<String, String> environment(Path dir, List<String> systemProperties) {
        return Map.of("CATALINA_HOME", home.toString(), "CATALINA_BASE", dir.toString(),
                "JAVA_HOME", System.getProperty("java.home"), "CATALINA_OPTS", String.join(" ", systemProperties));
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public String restAndCdiOrigin() {
        return restCdiLib.toUri().getPath();
    }
}
