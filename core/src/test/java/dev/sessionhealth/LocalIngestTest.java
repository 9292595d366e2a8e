package dev.sessionhealth;

import dev.sessionhealth.testing.FakeIngest;
import dev.sessionhealth.testing.MovableClock;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/**
 * What most core tests share: a real ingest on 127.0.0.1, a clock the test moves, and the manager
 * under test, closed (then the test's own transports, then the ingest) after each test.
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

    /** Transports the test made and gave the manager: theirs to close, after the manager. */
    private final List<Transport> transports = new ArrayList<>();

    /** Closes {@code transport} after the manager (which never closes a transport it was given). */
    protected <T extends Transport> T closedAfterManager(T transport) {
        transports.add(transport);
        return transport;
    }

    @AfterEach
    void closeManagerAndIngest() throws IOException {
        try {
            if (manager != null) {
                manager.close();
            }
            for (Transport t : transports) {
                t.close();
            }
        } finally {
            ingest.close();
        }
    }
}
