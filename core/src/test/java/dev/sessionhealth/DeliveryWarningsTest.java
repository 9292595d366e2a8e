package dev.sessionhealth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionhealth.internal.ManagerAssembly;
import dev.sessionhealth.internal.send.Backoff;
import dev.sessionhealth.testing.FakeIngest.Reply;
import dev.sessionhealth.testing.IngestLedger;
import dev.sessionhealth.testing.LogCapture;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An operator can act on what the library says when delivery gets into trouble: one warning when it
 * starts (what failed, how many updates wait in memory and on disk, when the next attempt is), one
 * when the ingest accepts again, and nothing per failed attempt in between.
 */
@Timeout(60)
class DeliveryWarningsTest extends LocalIngestTest {

    private LogCapture log;

    @BeforeEach
    void captureWarnings() {
        log = LogCapture.start();
    }

    @AfterEach
    void stopCapturing() {
        log.close();
    }

    @Test
    void aRunOfServerErrorsIsOneWarningWhenItStartsAndOneWhenItEnds() {
        ingest.enqueue(Reply.status(503), Reply.status(500), Reply.status(502), Reply.status(500));
        manager = ManagerAssembly.assemble(SessionOptions.builder().dsn(ingest.dsn()).release("shop@1.0").build(),
                clock, null, null, null, new Backoff(Duration.ofMillis(20), Duration.ofMillis(100)));
        for (int i = 0; i < 5; i++) {
            manager.startSession();
        }
        assertTrue(manager.flush(Duration.ofSeconds(30)), "delivered once the ingest answers 200");

        assertEquals(5, ingest.envelopes().size(), "four refused, then accepted");
        assertEquals(2, log.warnings().size(), () -> "one when it starts, one when it is over: " + log.warnings());
        String start = log.warnings().get(0);
        assertTrue(start.contains("answered HTTP 503"), start);
        assertTrue(start.matches(".*; 9 session updates wait in memory and 0 on disk;.*"), start); // 5 starts, 4 ends
        assertTrue(start.matches(".*next attempt in \\d+\\.\\d s.*"), start);
        String end = log.warnings().get(1);
        assertTrue(end.contains("accepts envelopes again after 4 failed attempts"), end);
        IngestLedger.of(ingest).assertExact(false);
    }
}
