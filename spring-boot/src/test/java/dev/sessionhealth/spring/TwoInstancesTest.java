package dev.sessionhealth.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionhealth.internal.StateDirectory;
import dev.sessionhealth.testing.FakeIngest;
import dev.sessionhealth.testing.IngestLedger;
import dev.sessionhealth.testing.Poll;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two instances of one Boot application on one host (same name, same DSN, the default state
 * directory): each keeps its own journal, so neither loses abnormal-exit detection and neither
 * resends the other's sessions.
 */
class TwoInstancesTest {

    @Test
    void twoInstancesOnOneHostNeverShareAStateDirectory() throws Exception {
        String name = "twins-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        try (FakeIngest ingest = FakeIngest.start()) {
            String[] properties = {"server.port=0", "spring.main.banner-mode=off", "spring.application.name=" + name,
                "sessionhealth.dsn=" + ingest.dsn(), "sessionhealth.release=bootapp@1.0.0",
                "sessionhealth.flush-interval=200ms"};
            ConfigurableApplicationContext first = new SpringApplicationBuilder(BootApp.class,
                    BootContract.TomcatServer.class).properties(properties).run();
            ConfigurableApplicationContext second = new SpringApplicationBuilder(BootApp.class,
                    BootContract.TomcatServer.class).properties(properties).run();
            Path base = StateDirectory.of(first.getBean(SessionHealthSettings.class).sessionOptions());
            Path sibling = base.resolveSibling(base.getFileName() + "-2");
            try {
                assertEquals(200, BootContract.browser(BootContract.port(first), "first").get("/hello").statusCode());
                assertEquals(200, BootContract.browser(BootContract.port(second), "second").get("/hello").statusCode());
                Poll.atMost(java.time.Duration.ofSeconds(30)).until(() -> "a session of each instance, got "
                        + IngestLedger.of(ingest).sids(), () -> IngestLedger.of(ingest).sids().size() == 2);
                assertTrue(journalHasAStart(base), "the first instance journals in " + base);
                assertTrue(journalHasAStart(sibling), "the second instance journals in " + sibling);
            } finally {
                second.close();
                first.close();
                delete(base);
                delete(sibling);
            }
            IngestLedger ledger = IngestLedger.of(ingest);
            ledger.assertExact(true);
            assertEquals(2, ledger.sids().size());
        }
    }

    private static boolean journalHasAStart(Path dir) throws IOException {
        Path log = dir.resolve("sessions.log");
        return Files.exists(log) && Files.readString(log).contains("\"k\":\"s\"");
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
