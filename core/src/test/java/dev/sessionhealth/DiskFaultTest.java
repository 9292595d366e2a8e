package dev.sessionhealth;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sessionhealth.testing.FakeIngest;
import dev.sessionhealth.testing.IngestLedger;
import dev.sessionhealth.testing.LogCapture;
import dev.sessionhealth.testing.MovableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The state directory's disk fills up while the application runs, or is read-only from the start:
 * the application keeps serving, every session still reaches the ingest once (from memory), and the
 * problem is counted and logged once. The disk is a real file system of its own, a small tmpfs
 * mounted for the test (skipped where the test may not mount one).
 */
@Timeout(120)
class DiskFaultTest {

    @TempDir
    Path tmp;

    private final FakeIngest ingest = FakeIngest.start();
    private final MovableClock clock = new MovableClock();
    private LogCapture log;
    private final List<Path> mounts = new ArrayList<>();

    @BeforeEach
    void captureWarnings() {
        log = LogCapture.start();
    }

    @AfterEach
    void cleanUp() throws Exception {
        log.close();
        ingest.close();
        for (Path m : mounts) {
            run("umount", "-l", m.toString());
        }
    }

    @Test
    void aDiskThatFillsUpLosesNoSessionAndIsReportedOnce() throws Exception {
        Path disk = mount("size=64k");
        SessionManager m = SessionManager.builder(SessionOptions.builder().dsn(ingest.dsn()).release("shop@1.0")
                .stateDirectory(disk.resolve("state").toString()).build()).clock(clock).build();
        List<String> sids = new ArrayList<>();
        try {
            for (int i = 0; i < 1_500; i++) {
                Session s = assertDoesNotThrow(() -> m.startSession(SessionContext.forUser(User.of("user-with-a-long"
                        + "-name-to-fill-the-journal-sooner-" + sids.size()))));
                sids.add(s.sid());
                if (i % 3 == 0) {
                    m.recordError(i % 2 == 0);
                }
                if (i % 100 == 0) {
                    assertTrue(m.flush(Duration.ofSeconds(20)));
                }
            }
            assertTrue(m.flush(Duration.ofSeconds(20)));
        } finally {
            assertDoesNotThrow(m::close);
        }
        SessionStats stats = m.stats();
        assertTrue(stats.storageFailures() >= 1, "the full disk was counted: " + stats);
        assertEquals(stats.recorded(), stats.sent(), "nothing lost: " + stats);
        assertTrue(stats.discarded().isEmpty(), stats::toString);
        List<String> aboutTheJournal = log.warnings().stream().filter(w -> w.contains("journal")).toList();
        assertEquals(1, aboutTheJournal.size(), () -> "one warning: " + log.warnings());
        IngestLedger ledger = IngestLedger.of(ingest);
        ledger.assertExact(true);
        assertEquals(sids.size(), ledger.startsAccepted().size());
    }

    @Test
    void aReadOnlyDiskIsReportedOnceAndSessionsAreDeliveredFromMemory() throws Exception {
        Path disk = mount("size=64k");
        Files.createDirectories(disk.resolve("state"));
        assumeTrue(run("mount", "-o", "remount,ro", disk.toString()) == 0, "cannot remount read-only here");
        assertTrue(!Files.isWritable(disk.resolve("state")) || !canWrite(disk.resolve("state")), "read-only");
        SessionManager m = assertDoesNotThrow(() -> SessionManager.builder(SessionOptions.builder()
                .dsn(ingest.dsn()).release("shop@1.0").stateDirectory(disk.resolve("state").toString()).build())
                .clock(clock).build(), "the application starts");
        try {
            for (int i = 0; i < 20; i++) {
                assertDoesNotThrow(() -> m.startSession());
            }
            assertTrue(m.flush(Duration.ofSeconds(20)));
        } finally {
            assertDoesNotThrow(m::close);
        }
        assertEquals(1, log.warnings().size(), () -> "one warning: " + log.warnings());
        SessionStats stats = m.stats();
        assertEquals(stats.recorded(), stats.sent(), stats::toString);
        IngestLedger ledger = IngestLedger.of(ingest);
        ledger.assertExact(true);
        assertEquals(20, ledger.startsAccepted().size());
    }

    private static boolean canWrite(Path dir) {
        try {
            Files.delete(Files.createTempFile(dir, "probe", ""));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A tmpfs of its own at a fresh directory; skips the test where mounting is not allowed. */
    private Path mount(String options) throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("disk" + mounts.size()));
        assumeTrue(run("mount", "-t", "tmpfs", "-o", options, "tmpfs", dir.toString()) == 0,
                "cannot mount a tmpfs here (not root?)");
        mounts.add(dir);
        return dir;
    }

    private static int run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(
                    ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(20, TimeUnit.SECONDS) ? p.exitValue() : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
