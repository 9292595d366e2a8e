package dev.sessionhealth.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.List;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * What our dependencies put into a WAR's {@code WEB-INF/lib}: our jars and Jackson core, no HTTP
 * client and no logging jar (HttpClient 5 and SLF4J are inside sessionhealth-core, relocated).
 */
class WarLibIT {

    @Test
    void theWarGetsOurJarsAndJacksonCoreOnly() throws IOException {
        try (ZipFile war = new ZipFile(ContainerSuite.path("containers.war").toFile())) {
            List<String> lib = war.stream()
                    .map(e -> e.getName())
                    .filter(n -> n.startsWith("WEB-INF/lib/") && n.endsWith(".jar"))
                    .map(n -> n.substring("WEB-INF/lib/".length()).replaceAll("-[0-9][^-]*(-SNAPSHOT)?\\.jar$", ""))
                    .sorted()
                    .toList();
            assertEquals(List.of("jackson-core", "sessionhealth-cdi", "sessionhealth-core", "sessionhealth-servlet"), lib);
        }
    }
}
