package dev.sessionhealth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionhealth.internal.wire.Dsn;
import dev.sessionhealth.internal.wire.HttpTransport;
import dev.sessionhealth.testing.Calls;
import dev.sessionhealth.testing.FakeIngest.Reply;
import dev.sessionhealth.testing.GatedThreads;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The manager closes only the transport it made: one the application gave it stays the application's. */
@Timeout(60)
class TransportOwnershipTest extends LocalIngestTest {

    private final GatedThreads threads = GatedThreads.open();

    /** The real HTTP transport, counting the calls to {@link #close()}. */
    private final class OwnTransport implements Transport {
        final AtomicInteger closed = new AtomicInteger();
        final HttpTransport http = new HttpTransport(Dsn.parse(ingest.dsn()), Duration.ofSeconds(60), false, "t", "1");

        @Override
        public Response send(byte[] envelope) throws IOException {
            return http.send(envelope);
        }

        @Override
        public void close() {
            closed.incrementAndGet();
            http.close();
        }
    }

    private SessionManager manager(SessionOptions.Builder options, Transport transport) {
        manager = SessionManager.builder(options.dsn(ingest.dsn()).release("shop@2.4.1").build()).clock(clock)
                .threadFactory(threads).transport(transport).build();
        return manager;
    }

    @Test
    void transportGivenByTheApplicationIsNotClosedByTheManagerAndStillWorks() throws IOException {
        OwnTransport own = closedAfterManager(new OwnTransport());
        SessionManager m = manager(SessionOptions.builder(), own);
        m.startSession();
        m.close();
        assertEquals(0, own.closed.get(), "the manager never closes the application's transport");
        assertTrue(threads.allEnded());
        assertEquals(1, ingest.sessions().size(), "start and end (merged) delivered through it");
        assertEquals("exited", ingest.sessions().get(0).get("status"));

        byte[] envelope = "{}\n".getBytes(StandardCharsets.UTF_8);
        assertTrue(own.send(envelope).isSuccess(), "the application can go on using it");
    }

    @Test
    void defaultTransportIsClosedWithTheManagerWhichAbortsAHangingRequest() throws InterruptedException {
        ingest.answerByDefault(new Reply(200, Map.of(), Duration.ofSeconds(30)));
        SessionManager m = manager(SessionOptions.builder().shutdownTimeout(Duration.ofMillis(300))
                .requestTimeout(Duration.ofSeconds(60)).persistence(false), null);
        m.startSession();
        m.flush(Duration.ofMillis(1));
        assertTrue(Calls.returnsWithin(Duration.ofSeconds(20), m::close));
        // the request waits 30 s for its answer: only closing the transport ends it this early
        assertTrue(threads.allEnded(), "the manager closed its own transport, aborting the request");
    }

    @Test
    void aHangingRequestOnTheApplicationsTransportIsTheApplicationsToAbort() throws Exception {
        ingest.answerByDefault(new Reply(200, Map.of(), Duration.ofSeconds(30)));
        OwnTransport own = closedAfterManager(new OwnTransport());
        SessionManager m = manager(SessionOptions.builder().shutdownTimeout(Duration.ofMillis(300))
                .persistence(false), own);
        m.startSession();
        m.flush(Duration.ofMillis(1));
        assertTrue(Calls.returnsWithin(Duration.ofSeconds(20), m::close), "close is bounded all the same");
        assertEquals(0, own.closed.get());
        assertFalse(threads.allEnded(), "the request goes on: not the manager's to abort");

        own.close();
        Thread sender = threads.threads().get(0);
        sender.join(10_000);
        assertFalse(sender.isAlive(), "closing its transport, the application ended the request");
    }
}
