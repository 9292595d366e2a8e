package dev.sessionhealth;

import dev.sessionhealth.testing.FakeIngest;
import dev.sessionhealth.testing.MovableClock;
import org.junit.jupiter.api.AfterEach;

/**
 * What most core tests share: a real ingest on 127.0.0.1, a clock the test moves, and the manager
 * under test, closed (with the ingest) after each test.
 */
abstract class LocalIngestTest {

    protected final FakeIngest ingest = FakeIngest.start();
    protected final MovableClock clock;
    protected SessionManager manager;

    LocalIngestTest() {
        this(new MovableClock());
    }

    /** For tests that need the clock at a particular point (the start of a minute, say). */
    LocalIngestTest(MovableClock clock) {
        this.clock = clock;
    }

    @AfterEach
    void closeManagerAndIngest() {
        try {
            if (manager != null) {
                manager.close();
            }
        } finally {
            ingest.close();
        }
    }
}
