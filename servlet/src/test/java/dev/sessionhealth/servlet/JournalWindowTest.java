package dev.sessionhealth.servlet;

import dev.sessionhealth.Session;
import dev.sessionhealth.SessionManager;
import dev.sessionhealth.SessionOptions;
import dev.sessionhealth.testing.FakeIngest;
import dev.sessionhealth.testing.Poll;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * How long a session's start is only in memory: from the moment {@code startSession} returns to the
 * moment its start record is in the journal file, with the default commit window (100 ms). That is
 * the window a kill -9 can lose. Measured and written down ({@code journal-window} in the figures),
 * not asserted: only that every start reaches the journal.
 */
class JournalWindowTest {

    @TempDir
    Path state;

    @Test
    @Timeout(120)
    void everyStartReachesTheJournalAndTheWindowIsMeasured() throws Exception {
        int n = 200;
        long[] micros = new long[n];
        try (FakeIngest ingest = FakeIngest.start();
                SessionManager manager = SessionManager.builder(SessionOptions.builder().dsn(ingest.dsn())
                        .release("shop@1.0").stateDirectory(state.toString()).build()).build()) {
            for (int i = 0; i < n; i++) {
                Session s = manager.startSession();
                long started = System.nanoTime();
                Poll.atMost(Duration.ofSeconds(10)).every(Duration.ofNanos(200_000))
                        .until("start " + i + " journaled", () -> JournalFile.unfinished(state).contains(s.sid()));
                micros[i] = (System.nanoTime() - started) / 1_000; // a figure recorded, not asserted
                Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextInt(100)); // anywhere in the window
            }
        }
        Arrays.sort(micros);
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("starts", n);
        f.put("commitWindowMs", 100);
        f.put("p50ms", micros[n / 2] / 1000.0);
        f.put("p99ms", micros[n * 99 / 100] / 1000.0);
        f.put("maxms", micros[n - 1] / 1000.0);
        Figures.record("journal-window", f);
    }
}
